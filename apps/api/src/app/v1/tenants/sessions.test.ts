import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otherSessionsRevokedResponseSchema, sessionListResponseSchema, sessionRevokedResponseSchema, signedOutResponseSchema } from "@plinto/contracts";
import { newId } from "@plinto/db";
import { tenants } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { systemContext } from "../../../services/context";
import { createTenant } from "../../../services/tenants/tenants";
import {
  bodyOf,
  type Caller,
  expectNoSession,
  getSessions,
  parseSetCookie,
  post,
  problemOf,
  revokeOtherSessions,
  revokeSession,
  signedIn,
  signedUpAndVerified,
} from "./testing";

let database: TestDatabase;
const home = { slug: "rest-sessions", id: "" };
const elsewhere = { slug: "rest-sessions-other", id: "" };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  home.id = (await createTenant(database.db, systemContext, { slug: home.slug, name: "Sessions Home" })).id;
  elsewhere.id = (await createTenant(database.db, systemContext, { slug: elsewhere.slug, name: "Sessions Elsewhere" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

async function listed(tenant: string, caller: Caller) {
  const response = await getSessions(tenant, caller);
  expect(response.status).toBe(200);
  return (await bodyOf(response, sessionListResponseSchema)).sessions;
}

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer realm="plinto"');
  expect(await problemOf(response)).toMatchObject({ code: "unauthorized", status: 401 });
  await expectNoSession(response);
}

describe("GET sessions", () => {
  it("lists only the caller's own live sessions, newest first, marking the current one", async () => {
    const alice = await signedUpAndVerified(database.db, home);
    const bob = await signedUpAndVerified(database.db, home);
    const a1 = await signedIn(home.slug, alice.email);
    const a2 = await signedIn(home.slug, alice.email);
    const b1 = await signedIn(home.slug, bob.email);

    const fromA1 = await listed(home.slug, { bearer: a1.sessionToken });
    expect(fromA1.map((s) => [s.id, s.current])).toEqual([
      [a2.session.id, false],
      [a1.session.id, true],
    ]);
    const fromA2 = await listed(home.slug, { cookie: a2.sessionToken });
    expect(fromA2.map((s) => [s.id, s.current])).toEqual([
      [a2.session.id, true],
      [a1.session.id, false],
    ]);
    expect((await listed(home.slug, { bearer: b1.sessionToken })).map((s) => s.id)).toEqual([b1.session.id]);
  });

  it("takes the Bearer token over the cookie when a request carries both", async () => {
    const alice = await signedIn(home.slug, (await signedUpAndVerified(database.db, home)).email);
    const bob = await signedIn(home.slug, (await signedUpAndVerified(database.db, home)).email);
    const sessions = await listed(home.slug, { bearer: bob.sessionToken, cookie: alice.sessionToken });
    expect(sessions.map((s) => s.id)).toEqual([bob.session.id]);
    // A Bearer token that is no session does not fall back to the cookie.
    await expectUnauthorized(await getSessions(home.slug, { bearer: "x".repeat(43), cookie: alice.sessionToken }));
  });

  it("answers 401 without a live session: none, a made-up or malformed token, another scheme, another tenant's", async () => {
    const { email } = await signedUpAndVerified(database.db, home);
    const live = await signedIn(home.slug, email);
    const callers: Caller[] = [
      {},
      { bearer: "x".repeat(43) },
      { bearer: "" },
      { bearer: "a b" },
      { bearer: "x".repeat(5000) },
      { cookie: "" },
      { cookie: "y".repeat(43) },
      { headers: { authorization: `Basic ${Buffer.from(`${email}:pw`).toString("base64")}` } },
      { headers: { authorization: live.sessionToken } },
    ];
    for (const caller of callers) await expectUnauthorized(await getSessions(home.slug, caller));
    // A live session of this tenant is no session in another one.
    await expectUnauthorized(await getSessions(elsewhere.slug, { bearer: live.sessionToken }));
    await expectUnauthorized(await revokeSession(elsewhere.slug, live.session.id, { bearer: live.sessionToken }));
    // And the same token still works where it belongs (so the 401s above are about the token, not the test).
    expect((await getSessions(home.slug, { bearer: live.sessionToken })).status).toBe(200);
  });
});

describe("DELETE sessions", () => {
  it("ends every other session of the caller at once; this one, and other users', stay", async () => {
    const alice = await signedUpAndVerified(database.db, home);
    const here = await signedIn(home.slug, alice.email);
    const phone = await signedIn(home.slug, alice.email);
    const laptop = await signedIn(home.slug, alice.email);
    const bob = await signedIn(home.slug, (await signedUpAndVerified(database.db, home)).email);

    const response = await revokeOtherSessions(home.slug, { bearer: here.sessionToken });
    expect(response.status).toBe(200);
    expect(await bodyOf(response, otherSessionsRevokedResponseSchema)).toEqual({ status: "revoked", count: 2 });
    await expectUnauthorized(await getSessions(home.slug, { bearer: phone.sessionToken }));
    await expectUnauthorized(await getSessions(home.slug, { bearer: laptop.sessionToken }));
    expect((await listed(home.slug, { bearer: here.sessionToken })).map((s) => s.id)).toEqual([here.session.id]);
    expect((await listed(home.slug, { bearer: bob.sessionToken })).map((s) => s.id)).toEqual([bob.session.id]);

    // Nothing else left to end; without a session, nothing at all.
    expect(await bodyOf(await revokeOtherSessions(home.slug, { bearer: here.sessionToken }), otherSessionsRevokedResponseSchema)).toEqual({ status: "revoked", count: 0 });
    await expectUnauthorized(await revokeOtherSessions(home.slug, { bearer: phone.sessionToken }));
  });
});

describe("DELETE sessions/{session}", () => {
  it("ends another of the caller's own sessions; the current one goes on and keeps its cookie", async () => {
    const { email } = await signedUpAndVerified(database.db, home);
    const phone = await signedIn(home.slug, email);
    const lost = await signedIn(home.slug, email);

    const response = await revokeSession(home.slug, lost.session.id, { bearer: phone.sessionToken });
    expect(response.status).toBe(200);
    expect(await bodyOf(response, sessionRevokedResponseSchema)).toEqual({ status: "revoked" });
    expect(response.headers.get("set-cookie")).toBeNull();

    await expectUnauthorized(await getSessions(home.slug, { bearer: lost.sessionToken }));
    expect((await listed(home.slug, { bearer: phone.sessionToken })).map((s) => s.id)).toEqual([phone.session.id]);

    // Ending it again: it is gone.
    const again = await revokeSession(home.slug, lost.session.id, { bearer: phone.sessionToken });
    expect(again.status).toBe(404);
    expect((await problemOf(again)).code).toBe("not_found");
  });

  it("ends the current session and clears its cookie", async () => {
    const { email } = await signedUpAndVerified(database.db, home);
    const browser = await signedIn(home.slug, email);
    const response = await revokeSession(home.slug, browser.session.id, { cookie: browser.sessionToken });
    expect(response.status).toBe(200);
    const cleared = parseSetCookie(response.headers.get("set-cookie"));
    expect(cleared).toMatchObject({ name: "plinto_session", value: "" });
    expect(cleared.attributes.get("max-age")).toBe("0");
    expect(cleared.attributes.get("path")).toBe(`/t/${home.slug}`);
    await expectUnauthorized(await getSessions(home.slug, { cookie: browser.sessionToken }));
  });

  it("answers 404 for another user's session, exactly as for one that does not exist, and leaves it live", async () => {
    const alice = await signedIn(home.slug, (await signedUpAndVerified(database.db, home)).email);
    const mallory = await signedIn(home.slug, (await signedUpAndVerified(database.db, home)).email);

    const answers: string[] = [];
    for (const target of [alice.session.id, newId("session"), "ses_not-an-id", newId("user")]) {
      const response = await revokeSession(home.slug, target, { bearer: mallory.sessionToken });
      expect(response.status, target).toBe(404);
      expect((await problemOf(response)).code, target).toBe("not_found");
      answers.push(await response.text());
    }
    expect(new Set(answers).size).toBe(1);
    expect((await listed(home.slug, { bearer: alice.sessionToken })).map((s) => s.id)).toEqual([alice.session.id]);
    expect((await listed(home.slug, { bearer: mallory.sessionToken })).map((s) => s.id)).toEqual([mallory.session.id]);
  });

  it("answers 404 for another tenant's session, even to a user with the same email there", async () => {
    const { email, password } = await signedUpAndVerified(database.db, home);
    await signedUpAndVerified(database.db, elsewhere, email, password);
    const here = await signedIn(home.slug, email);
    const there = await signedIn(elsewhere.slug, email);

    const response = await revokeSession(elsewhere.slug, here.session.id, { bearer: there.sessionToken });
    expect(response.status).toBe(404);
    expect((await problemOf(response)).code).toBe("not_found");
    expect((await listed(home.slug, { bearer: here.sessionToken })).map((s) => s.id)).toEqual([here.session.id]);
    expect((await listed(elsewhere.slug, { bearer: there.sessionToken })).map((s) => s.id)).toEqual([there.session.id]);
  });

  it("answers 401 without a live session, and ends nothing", async () => {
    const { email } = await signedUpAndVerified(database.db, home);
    const live = await signedIn(home.slug, email);
    await expectUnauthorized(await revokeSession(home.slug, live.session.id));
    await expectUnauthorized(await revokeSession(home.slug, live.session.id, { bearer: "z".repeat(43) }));
    expect((await getSessions(home.slug, { bearer: live.sessionToken })).status).toBe(200);
  });
});

describe("POST sign-out", () => {
  it("ends the session the cookie names", async () => {
    const { email } = await signedUpAndVerified(database.db, home);
    const browser = await signedIn(home.slug, email);
    const other = await signedIn(home.slug, email);
    const out = await post("sign-out", home.slug, undefined, { cookie: browser.sessionToken });
    expect(out.status).toBe(200);
    expect(await bodyOf(out, signedOutResponseSchema)).toEqual({ status: "signed_out" });
    expect(parseSetCookie(out.headers.get("set-cookie")).attributes.get("max-age")).toBe("0");
    await expectUnauthorized(await getSessions(home.slug, { cookie: browser.sessionToken }));
    // Only that one: the user's other session is still live.
    expect((await listed(home.slug, { bearer: other.sessionToken })).map((s) => s.id)).toEqual([other.session.id]);
  });

  it("answers the same with no session, an ended one, or another tenant's, and ends nothing it should not", async () => {
    const { email } = await signedUpAndVerified(database.db, home);
    const live = await signedIn(home.slug, email);
    const answers: string[] = [];
    for (const caller of [{}, { bearer: "q".repeat(43) }, { cookie: "" }] as Caller[]) {
      const response = await post("sign-out", home.slug, undefined, caller);
      expect(response.status).toBe(200);
      expect(parseSetCookie(response.headers.get("set-cookie")).value).toBe("");
      answers.push(await response.text());
    }
    const foreign = await post("sign-out", elsewhere.slug, undefined, { bearer: live.sessionToken });
    expect(foreign.status).toBe(200);
    answers.push(await foreign.text());
    expect(new Set(answers)).toEqual(new Set(['{"status":"signed_out"}']));
    expect((await getSessions(home.slug, { bearer: live.sessionToken })).status).toBe(200);
  });
});

describe("a suspended tenant", () => {
  it("answers 404 on every session route, even to a session started before it was suspended", async () => {
    const paused = await createTenant(database.db, systemContext, { slug: "rest-sessions-paused", name: "Paused" });
    const { email } = await signedUpAndVerified(database.db, paused);
    const live = await signedIn(paused.slug, email);
    expect((await getSessions(paused.slug, { bearer: live.sessionToken })).status).toBe(200);

    await database.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, paused.id));
    for (const response of [
      await getSessions(paused.slug, { bearer: live.sessionToken }),
      await revokeSession(paused.slug, live.session.id, { bearer: live.sessionToken }),
      await post("sign-out", paused.slug, undefined, { bearer: live.sessionToken }),
      await post("sign-in", paused.slug, { email, password: "a long and unusual passphrase" }),
    ]) {
      expect(response.status).toBe(404);
      expect((await problemOf(response)).code).toBe("not_found");
      await expectNoSession(response);
    }
  });
});
