import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  sessionRevokedResponseSchema,
  userFactorsResetResponseSchema,
  userPasswordResetSentResponseSchema,
  userListResponseSchema,
  userResponseSchema,
  userSessionListResponseSchema,
  userSessionsRevokedResponseSchema,
} from "@plinto/contracts";
import { auditEvents, credentials } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import type { Runtime } from "../../../lib/runtime";
import { resetPassword, signInWithPassword } from "../../../services/auth/auth";
import { createApiKey, type ApiKeyScope } from "../../../services/api-keys/api-keys";
import { systemContext } from "../../../services/context";
import { listOutbox } from "../../../services/mail/outbox";
import { createSession, listSessions } from "../../../services/sessions/sessions";
import { createTenant } from "../../../services/tenants/tenants";
import { createUser } from "../../../services/users/users";
import { POST as block } from "./[user]/block/route";
import { DELETE as resetFactors } from "./[user]/factors/route";
import { POST as sendReset } from "./[user]/password-reset/route";
import { DELETE as deleteOne, GET as getOne, PATCH as patchOne } from "./[user]/route";
import { DELETE as endSession } from "./[user]/sessions/[session]/route";
import { DELETE as endSessions, GET as sessionsOf } from "./[user]/sessions/route";
import { POST as unblock } from "./[user]/unblock/route";
import { POST as unlock } from "./[user]/unlock/route";
import { GET as signInSecurityOf } from "./[user]/sign-in-security/route";
import { GET as organizationsOf } from "./[user]/organizations/route";
import { GET as list, POST as create } from "./route";
import { bodyOf, problemOf } from "../../../../test/responses";

const API = "http://localhost:4000/v1/users";
let database: TestDatabase;
let runtime: Runtime;
const tenants = { a: "", b: "" };
const keys = {} as Record<"a" | "b" | "readOnly" | "other" | "organizations", string>;

beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
  tenants.a = (await createTenant(database.db, systemContext, { slug: "user-routes-a", name: "User Routes A" })).id;
  tenants.b = (await createTenant(database.db, systemContext, { slug: "user-routes-b", name: "User Routes B" })).id;
  const key = async (tenantId: string, scopes: ApiKeyScope[]) => (await createApiKey(database.db, systemContext, { tenantId, name: scopes.join(" "), scopes })).secret;
  keys.a = await key(tenants.a, ["users:read", "users:write"]);
  keys.b = await key(tenants.b, ["users:read", "users:write"]);
  keys.readOnly = await key(tenants.a, ["users:read"]);
  keys.other = await key(tenants.a, ["applications:read", "applications:write"]);
  keys.organizations = await key(tenants.a, ["organizations:read"]);
});
afterAll(async () => {
  await database?.dispose();
});

function request(url: string, method: string, key?: string, body?: unknown) {
  const headers = new Headers(key ? { authorization: `Bearer ${key}` } : {});
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}
const at = (user: string) => ({ params: Promise.resolve({ user }) });
const atSession = (user: string, session: string) => ({ params: Promise.resolve({ user, session }) });

let people = 0;
async function newUser(key = keys.a, extra: Record<string, unknown> = {}) {
  people += 1;
  const body = { email: `person${people}@routes.example`, name: `Person ${people}`, ...extra };
  return (await bodyOf(await create(request(API, "POST", key, body)), 201, userResponseSchema, /hash|secret|credential/i)).user;
}

describe("management users: who may call", () => {
  it("401 without a valid key, 403 without the scope, on every operation", async () => {
    const user = await newUser();
    const session = "ses_01jbz6y0fq7m2x9d8c4v6b5n3k";
    const calls: Array<[string, (key?: string) => Promise<Response>]> = [
      ["read", (key) => list(request(API, "GET", key))],
      ["write", (key) => create(request(API, "POST", key, { email: "new@routes.example" }))],
      ["read", (key) => getOne(request(`${API}/${user.id}`, "GET", key), at(user.id))],
      ["write", (key) => patchOne(request(`${API}/${user.id}`, "PATCH", key, { name: "x" }), at(user.id))],
      ["write", (key) => deleteOne(request(`${API}/${user.id}`, "DELETE", key), at(user.id))],
      ["write", (key) => block(request(`${API}/${user.id}/block`, "POST", key), at(user.id))],
      ["write", (key) => unblock(request(`${API}/${user.id}/unblock`, "POST", key), at(user.id))],
      ["read", (key) => sessionsOf(request(`${API}/${user.id}/sessions`, "GET", key), at(user.id))],
      ["write", (key) => endSessions(request(`${API}/${user.id}/sessions`, "DELETE", key), at(user.id))],
      ["write", (key) => endSession(request(`${API}/${user.id}/sessions/${session}`, "DELETE", key), atSession(user.id, session))],
      ["write", (key) => resetFactors(request(`${API}/${user.id}/factors`, "DELETE", key), at(user.id))],
      ["write", (key) => sendReset(request(`${API}/${user.id}/password-reset`, "POST", key), at(user.id))],
      ["read", (key) => signInSecurityOf(request(`${API}/${user.id}/sign-in-security`, "GET", key), at(user.id))],
      ["write", (key) => unlock(request(`${API}/${user.id}/unlock`, "POST", key), at(user.id))],
    ];
    for (const [needs, call] of calls) {
      await problemOf(await call(), 401, "unauthorized");
      await problemOf(await call("plinto_sk_not-a-real-key"), 401, "unauthorized");
      await problemOf(await call(keys.other), 403, "forbidden");
      if (needs === "write") await problemOf(await call(keys.readOnly), 403, "forbidden");
    }
    expect((await getOne(request(`${API}/${user.id}`, "GET", keys.readOnly), at(user.id))).status).toBe(200);
    // Support reads the sign-in report with users:read; unlocking needs users:write.
    expect((await signInSecurityOf(request(`${API}/${user.id}/sign-in-security`, "GET", keys.readOnly), at(user.id))).status).toBe(200);
    // A user's memberships are organization data: organizations:read, which users:* alone does not give.
    const memberships = (key?: string) => organizationsOf(request(`${API}/${user.id}/organizations`, "GET", key), at(user.id));
    await problemOf(await memberships(), 401, "unauthorized");
    await problemOf(await memberships(keys.a), 403, "forbidden");
    expect((await memberships(keys.organizations)).status).toBe(200);
  });

  it("404 for another tenant's user, session, and for a user's session that is someone else's", async () => {
    const theirs = await newUser(keys.b);
    const { session: theirSession } = await database.db.transaction((tx) => createSession(tx, systemContext, { tenantId: tenants.b, userId: theirs.id, amr: ["pwd"] }));
    const mine = await newUser();
    const calls = [
      getOne(request(`${API}/${theirs.id}`, "GET", keys.a), at(theirs.id)),
      patchOne(request(`${API}/${theirs.id}`, "PATCH", keys.a, { name: "Mine" }), at(theirs.id)),
      deleteOne(request(`${API}/${theirs.id}`, "DELETE", keys.a), at(theirs.id)),
      block(request(`${API}/${theirs.id}/block`, "POST", keys.a), at(theirs.id)),
      sessionsOf(request(`${API}/${theirs.id}/sessions`, "GET", keys.a), at(theirs.id)),
      endSessions(request(`${API}/${theirs.id}/sessions`, "DELETE", keys.a), at(theirs.id)),
      endSession(request(`${API}/${theirs.id}/sessions/${theirSession.id}`, "DELETE", keys.a), atSession(theirs.id, theirSession.id)),
      endSession(request(`${API}/${mine.id}/sessions/${theirSession.id}`, "DELETE", keys.a), atSession(mine.id, theirSession.id)),
      resetFactors(request(`${API}/${theirs.id}/factors`, "DELETE", keys.a), at(theirs.id)),
      sendReset(request(`${API}/${theirs.id}/password-reset`, "POST", keys.a), at(theirs.id)),
      signInSecurityOf(request(`${API}/${theirs.id}/sign-in-security`, "GET", keys.a), at(theirs.id)),
      unlock(request(`${API}/${theirs.id}/unlock`, "POST", keys.a), at(theirs.id)),
      organizationsOf(request(`${API}/${theirs.id}/organizations`, "GET", keys.organizations), at(theirs.id)),
    ];
    for (const response of await Promise.all(calls.map((c) => c))) await problemOf(response, 404, "not_found");
    expect(await listSessions(database.db, tenants.b, theirs.id)).toHaveLength(1);
    const still = await bodyOf(await getOne(request(`${API}/${theirs.id}`, "GET", keys.b), at(theirs.id)), 200, userResponseSchema, /hash|secret|credential/i);
    expect(still.user).toMatchObject({ name: theirs.name, status: "active" });
  });
});

describe("management users: what they do", () => {
  it("creates (201, 409 on a taken email, policy on the password), lists with a search and pages", async () => {
    const user = await newUser(keys.a, { email: "Searchable@Routes.example", password: "a long and unusual passphrase", emailVerified: true });
    expect(user).toMatchObject({ email: "Searchable@Routes.example", emailVerified: true, status: "active", metadata: {}, lastSignInAt: null });
    await problemOf(await create(request(API, "POST", keys.a, { email: "searchable@routes.example" })), 409, "conflict");
    await problemOf(await create(request(API, "POST", keys.a, { email: "weak@routes.example", password: "password" })), 400, "validation_failed");
    await problemOf(await create(request(API, "POST", keys.a, { email: "x@routes.example", role: "admin" })), 400, "validation_failed");

    const found = await bodyOf(await list(request(`${API}?q=SEARCHABLE&emailVerified=true`, "GET", keys.a)), 200, userListResponseSchema);
    expect(found.users.map((u) => u.id)).toEqual([user.id]);
    const first = await bodyOf(await list(request(`${API}?limit=2`, "GET", keys.a)), 200, userListResponseSchema);
    expect(first.users).toHaveLength(2);
    const second = await bodyOf(await list(request(`${API}?limit=2&cursor=${first.nextCursor}`, "GET", keys.a)), 200, userListResponseSchema);
    expect(second.users.map((u) => u.id)).not.toContain(first.users[0]!.id);
    for (const bad of ["cursor=%25%25", "limit=0", "limit=101", "status=deleted", "emailVerified=maybe", "sort=name"]) {
      await problemOf(await list(request(`${API}?${bad}`, "GET", keys.a)), 400, "validation_failed");
    }
  });

  it("imports a user with a bcrypt hash: they sign in with their old password, and the hash becomes argon2id", async () => {
    // bcrypt("a long and unusual passphrase", cost 10), as another system would hand it over.
    const bcrypt = "$2b$10$0pdMTHIdVGaxnW8mqLT1t.D5t79umndIOrcuJIx68JOB6uokODrEC";
    const user = await newUser(keys.a, { email: "imported@routes.example", passwordHash: bcrypt, emailVerified: true });
    const stored = async () =>
      (await database.db.select({ secret: credentials.secret }).from(credentials).where(and(eq(credentials.tenantId, tenants.a), eq(credentials.userId, user.id))))[0]?.secret;
    expect(await stored()).toBe(bcrypt);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.created")));
    expect(event?.data).toMatchObject({ withPassword: true, importedPasswordHash: "bcrypt" });

    const signIn = (password: string) => signInWithPassword(database.db, runtime, systemContext, { tenantSlug: "user-routes-a", email: user.email, password });
    await expect(signIn("not the passphrase at all")).rejects.toMatchObject({ code: "invalid_credentials" });
    expect((await signIn("a long and unusual passphrase")).status).toBe("signed_in");
    expect(await stored()).toMatch(/^\$argon2id\$/);
    expect((await signIn("a long and unusual passphrase")).status).toBe("signed_in");

    // Only bcrypt, and a hash or a password, not both; the answer never echoes the hash.
    for (const body of [
      { email: "md5@routes.example", passwordHash: "5f4dcc3b5aa765d61d8327deb882cf99" },
      { email: "argon@routes.example", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo" },
      { email: "both@routes.example", passwordHash: bcrypt, password: "a long and unusual passphrase" },
    ]) {
      const problem = await problemOf(await create(request(API, "POST", keys.a, body)), 400, "validation_failed");
      expect(JSON.stringify(problem)).not.toContain(bcrypt);
    }
  });

  it("updates the profile, blocks (ending sessions) and unblocks, lists and ends sessions, deletes", async () => {
    const user = await newUser();
    const patched = await bodyOf(
      await patchOne(request(`${API}/${user.id}`, "PATCH", keys.a, { givenName: "Ada", pictureUrl: "https://cdn.example/ada.png", emailVerified: true }), at(user.id)),
      200,
      userResponseSchema,
    );
    expect(patched.user).toMatchObject({ givenName: "Ada", pictureUrl: "https://cdn.example/ada.png", emailVerified: true });
    await problemOf(await patchOne(request(`${API}/${user.id}`, "PATCH", keys.a, { emailVerified: false }), at(user.id)), 400, "validation_failed");
    await problemOf(await patchOne(request(`${API}/${user.id}`, "PATCH", keys.a, { email: "new@x.example" }), at(user.id)), 400, "validation_failed");

    const open = async () => (await database.db.transaction((tx) => createSession(tx, systemContext, { tenantId: tenants.a, userId: user.id, amr: ["pwd"] }))).session;
    const [one] = [await open(), await open()];
    const sessions = await bodyOf(await sessionsOf(request(`${API}/${user.id}/sessions`, "GET", keys.readOnly), at(user.id)), 200, userSessionListResponseSchema);
    expect(sessions.sessions).toHaveLength(2);
    await bodyOf(await endSession(request(`${API}/${user.id}/sessions/${one!.id}`, "DELETE", keys.a), atSession(user.id, one!.id)), 200, sessionRevokedResponseSchema);
    await problemOf(await endSession(request(`${API}/${user.id}/sessions/${one!.id}`, "DELETE", keys.a), atSession(user.id, one!.id)), 404, "not_found");
    const ended = await bodyOf(await endSessions(request(`${API}/${user.id}/sessions`, "DELETE", keys.a), at(user.id)), 200, userSessionsRevokedResponseSchema);
    expect(ended.count).toBe(1);

    await open();
    const blocked = await bodyOf(await block(request(`${API}/${user.id}/block`, "POST", keys.a), at(user.id)), 200, userResponseSchema, /hash|secret|credential/i);
    expect(blocked.user.status).toBe("blocked");
    expect(await listSessions(database.db, tenants.a, user.id)).toHaveLength(0);
    const active = await bodyOf(await unblock(request(`${API}/${user.id}/unblock`, "POST", keys.a), at(user.id)), 200, userResponseSchema, /hash|secret|credential/i);
    expect(active.user.status).toBe("active");

    expect((await deleteOne(request(`${API}/${user.id}`, "DELETE", keys.a), at(user.id))).status).toBe(204);
    await problemOf(await getOne(request(`${API}/${user.id}`, "GET", keys.a), at(user.id)), 404, "not_found");
    const [deleted] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.deleted")));
    expect(deleted?.actorType).toBe("api_key");
  });

  it("resets second factors: gone, sessions ended, the user mailed, audited with the API key as actor", async () => {
    const user = await database.db.transaction((tx) => createUser(tx, systemContext, { tenantId: tenants.a, email: "lost-phone@routes.example", emailVerified: true }));
    await database.db.insert(credentials).values([
      { tenantId: tenants.a, userId: user.id, type: "totp", secret: "not-a-real-secret" },
      { tenantId: tenants.a, userId: user.id, type: "recovery_code", secret: "not-a-real-hash" },
    ]);
    await database.db.transaction((tx) => createSession(tx, systemContext, { tenantId: tenants.a, userId: user.id, amr: ["pwd", "otp"] }));
    const result = await bodyOf(await resetFactors(request(`${API}/${user.id}/factors`, "DELETE", keys.a), at(user.id)), 200, userFactorsResetResponseSchema);
    expect(result).toEqual({ status: "reset", removed: { totp: 1, recoveryCodes: 1 } });
    expect(await database.db.select().from(credentials).where(eq(credentials.userId, user.id))).toEqual([]);
    expect(await listSessions(database.db, tenants.a, user.id)).toHaveLength(0);
    const mail = await listOutbox(database.db, { tenantId: tenants.a, to: user.email, limit: 10 });
    expect(mail.map((m) => m.subject)).toContain("Two-step verification was reset for your User Routes A account");
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "mfa.factors_reset")));
    expect(event).toMatchObject({ actorType: "api_key" });
    expect(event?.actorId).toMatch(/^key_/);
  });

  it("sends a password reset: the user gets the forgot-password link, it works, the caller never sees it, audited with the API key as actor", async () => {
    const user = await newUser(keys.a, { email: "forgetful@routes.example", password: "an old but decent passphrase", emailVerified: true });
    const response = await sendReset(request(`${API}/${user.id}/password-reset`, "POST", keys.a), at(user.id));
    const text = await response.clone().text();
    expect(await bodyOf(response, 202, userPasswordResetSentResponseSchema)).toEqual({ status: "reset_sent" });
    expect(text).not.toMatch(/token|reset-password/);

    const mail = await listOutbox(database.db, { tenantId: tenants.a, to: user.email, limit: 10 });
    const reset = mail.find((m) => m.subject === "Reset your User Routes A password");
    expect(reset).toBeDefined();
    const token = /\/t\/user-routes-a\/reset-password\?token=([\w-]+)/.exec(reset!.text)?.[1];
    expect(token).toBeTruthy();
    await resetPassword(database.db, runtime, systemContext, { tenantSlug: "user-routes-a", token: token!, password: "a brand new long passphrase" });
    const signedIn = await signInWithPassword(database.db, runtime, systemContext, { tenantSlug: "user-routes-a", email: user.email, password: "a brand new long passphrase" });
    expect(signedIn.status).toBe("signed_in");

    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.password_reset_sent")));
    expect(event).toMatchObject({ actorType: "api_key" });
    expect(event?.actorId).toMatch(/^key_/);
  });

  it("refuses a password reset for a blocked user (409) and mails nothing", async () => {
    const user = await newUser();
    await block(request(`${API}/${user.id}/block`, "POST", keys.a), at(user.id));
    await problemOf(await sendReset(request(`${API}/${user.id}/password-reset`, "POST", keys.a), at(user.id)), 409, "conflict");
    expect(await listOutbox(database.db, { tenantId: tenants.a, to: user.email, limit: 10 })).toEqual([]);
  });
});
