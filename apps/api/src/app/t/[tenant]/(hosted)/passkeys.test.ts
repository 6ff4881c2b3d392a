import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { tenants } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../../test/instance";
import { SoftwareAuthenticator } from "../../../../../test/webauthn/authenticator";
import { INTERACTION_COOKIE, SESSION_COOKIE } from "../../../../lib/request";
import { MFA_CHALLENGE_COOKIE } from "./_lib/pending-mfa";
import type { Runtime } from "../../../../lib/runtime";
import { systemContext } from "../../../../services/context";
import { afterFirstFactor, type MfaRequired } from "../../../../services/mfa/sign-in";
import { createSession, resolveSession } from "../../../../services/sessions/sessions";
import { createTenant } from "../../../../services/tenants/tenants";
import { createUser } from "../../../../services/users/users";

/**
 * The hosted passkey actions (sign-in page and signed-in page) against a real database, with
 * Next's cookies and headers stood in for, and the software authenticator as the browser.
 */
const next = await vi.hoisted(async () => (await import("./_lib/next-stand-in.testing")).createNextStandIn());
vi.mock("next/headers", () => next.headersModule);
vi.mock("next/navigation", () => next.navigationModule);

const actions = await import("./_lib/passkey-actions");
const { default: SignedInPage } = await import("./signed-in/page");

let database: TestDatabase;
let runtime: Runtime;
let ORIGIN: string;
const slug = "hosted-passkeys";
let tenantId: string;
let counter = 0;

beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug, name: "Hosted Passkeys" })).id;
  ORIGIN = new URL(runtime.config.publicUrl).origin;
});
afterAll(async () => {
  await database?.dispose();
});
beforeEach(() => {
  next.jar.clear();
  counter += 1;
  next.setHeaders({ "x-plinto-client-ip": `198.51.100.${counter}`, "user-agent": "vitest" });
});

/** A user signed in (in the cookie jar) `minutesAgo` minutes ago. */
async function signedInUser(minutesAgo = 0) {
  const user = await createUser(database.db, systemContext, { tenantId, email: `hosted-passkey${counter}@example.com`, emailVerified: true });
  const { token } = await database.db.transaction((tx) =>
    createSession(tx, systemContext, { tenantId, userId: user.id, amr: ["pwd"], now: new Date(Date.now() - minutesAgo * 60_000) }),
  );
  next.jar.set(SESSION_COOKIE, { value: token, options: {} });
  return { user, token };
}

async function addPasskey(name: string, authenticator = new SoftwareAuthenticator()) {
  const start = await actions.passkeyRegistrationOptionsAction(slug);
  if (!start.ok) throw new Error(start.message);
  const added = await actions.addPasskeyAction(slug, authenticator.register(start.options, { origin: ORIGIN }), name);
  if (!added.ok) throw new Error(added.message);
  return { added, authenticator };
}

describe("the signed-in page's passkey actions", () => {
  it("adds, renames and removes the user's passkeys, answering the list each time; the page lists them", async () => {
    await signedInUser();
    const { added } = await addPasskey("Phone");
    expect(added.added).toMatchObject({ name: "Phone", lastUsedAt: null });
    expect(added.added.details).toMatch(/^Added \d{1,2} \w{3} \d{4} · Not used yet$/);
    expect(added.passkeys.map((p) => p.name)).toEqual(["Phone"]);
    expect(added.recoveryCodes).toHaveLength(10);

    const html = renderToStaticMarkup(await SignedInPage({ params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve({}) } as never));
    expect(html).toContain('id="passkeys-title"');
    expect(html).toContain(">Phone</p>");

    const renamed = await actions.renamePasskeyAction(slug, added.added.id, "  Work phone ");
    expect(renamed).toMatchObject({ ok: true, passkeys: [{ id: added.added.id, name: "Work phone" }] });
    const tooLong = await actions.renamePasskeyAction(slug, added.added.id, "x".repeat(65));
    expect(tooLong).toMatchObject({ ok: false, code: "validation_failed" });

    const removed = await actions.removePasskeyAction(slug, added.added.id);
    expect(removed).toEqual({ ok: true, passkeys: [] });
    expect(await actions.removePasskeyAction(slug, added.added.id)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("asks for a recent sign-in to add or remove, and a session to do anything", async () => {
    await signedInUser(10);
    expect(await actions.passkeyRegistrationOptionsAction(slug)).toMatchObject({ ok: false, code: "reauthentication_required" });
    next.jar.clear();
    for (const answer of [
      await actions.passkeyRegistrationOptionsAction(slug),
      await actions.renamePasskeyAction(slug, "cred_01hzzzzzzzzzzzzzzzzzzzzzzz", "x"),
      await actions.removePasskeyAction(slug, "cred_01hzzzzzzzzzzzzzzzzzzzzzzz"),
    ]) {
      expect(answer).toMatchObject({ ok: false, code: "unauthorized" });
    }
    expect(await actions.passkeyRegistrationOptionsAction("no-such-tenant")).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses what is not a registration answer", async () => {
    await signedInUser();
    expect(await actions.addPasskeyAction(slug, { id: "x" }, "")).toMatchObject({ ok: false, code: "passkey_registration_failed" });
  });
});

describe("signing in with a passkey on the sign-in page", () => {
  it("puts the new session in the cookie, ends the one it held, and goes to the signed-in page", async () => {
    const { token: before } = await signedInUser();
    const { authenticator } = await addPasskey("Laptop");
    const start = await actions.passkeySignInOptionsAction(slug);
    if (!start.ok) throw new Error(start.message);
    expect(start.options.allowCredentials).toBeUndefined();
    const result = await actions.passkeySignInAction(slug, authenticator.authenticate(start.options, { origin: ORIGIN }));
    expect(result).toEqual({ ok: true, next: `/t/${slug}/signed-in` });
    const cookie = next.jar.get(SESSION_COOKIE)!;
    expect(cookie.value).not.toBe(before);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: `/t/${slug}` });
    const live = await resolveSession(database.db, tenantId, cookie.value);
    expect(live?.session.amr).toEqual(["hwk", "user", "mfa"]);
    expect(await resolveSession(database.db, tenantId, before)).toBeUndefined();
  });

  it("goes back to a pending application sign-in when there is one", async () => {
    await signedInUser();
    const { authenticator } = await addPasskey("Key");
    next.jar.delete(SESSION_COOKIE);
    next.jar.set(INTERACTION_COOKIE, { value: "interaction-uid-1234", options: {} });
    const start = await actions.passkeySignInOptionsAction(slug);
    if (!start.ok) throw new Error(start.message);
    const result = await actions.passkeySignInAction(slug, authenticator.authenticate(start.options, { origin: ORIGIN }));
    expect(result).toEqual({ ok: true, next: `/t/${slug}/interaction/interaction-uid-1234` });
    expect(next.jar.has(INTERACTION_COOKIE)).toBe(false);
  });

  it("refuses a replayed or malformed answer with one message and no cookie", async () => {
    await signedInUser();
    const { authenticator } = await addPasskey("Key");
    next.jar.clear();
    const start = await actions.passkeySignInOptionsAction(slug);
    if (!start.ok) throw new Error(start.message);
    const answer = authenticator.authenticate(start.options, { origin: ORIGIN });
    expect((await actions.passkeySignInAction(slug, answer)).ok).toBe(true);
    next.jar.clear();
    const replay = await actions.passkeySignInAction(slug, answer);
    const malformed = await actions.passkeySignInAction(slug, { id: 1 });
    expect(replay).toEqual({ ok: false, code: "invalid_passkey", message: "That passkey was not accepted. Try again, or sign in another way" });
    expect(malformed).toEqual(replay);
    expect(next.jar.has(SESSION_COOKIE)).toBe(false);
  });
});

describe("the second-factor page's passkey", () => {
  it("completes the pending sign-in the browser holds, then forgets it; signed in, it raises the session; with neither it says to sign in again", async () => {
    const { user } = await signedInUser();
    const { authenticator } = await addPasskey("Key");
    next.jar.clear();
    const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, tenantId));
    const outcome = (await database.db.transaction((tx) => afterFirstFactor(tx, systemContext, { tenant: tenant!, user, amr: ["pwd"] }))) as MfaRequired;
    next.jar.set(MFA_CHALLENGE_COOKIE, { value: outcome.challengeToken, options: {} });

    const start = await actions.passkeySecondFactorOptionsAction(slug);
    if (!start.ok) throw new Error(start.message);
    expect(start.options.allowCredentials).toHaveLength(1);
    const refused = await actions.passkeySecondFactorAction(slug, authenticator.authenticate(start.options, { origin: "https://evil.example" }));
    expect(refused).toMatchObject({ ok: false, code: "invalid_passkey" });

    const again = await actions.passkeySecondFactorOptionsAction(slug);
    if (!again.ok) throw new Error(again.message);
    const result = await actions.passkeySecondFactorAction(slug, authenticator.authenticate(again.options, { origin: ORIGIN }));
    expect(result).toEqual({ ok: true, next: `/t/${slug}/signed-in` });
    expect(next.jar.has(MFA_CHALLENGE_COOKIE)).toBe(false);
    const live = await resolveSession(database.db, tenantId, next.jar.get(SESSION_COOKIE)!.value);
    expect(live?.session).toMatchObject({ amr: ["pwd", "hwk", "user", "mfa"], acr: "urn:plinto:acr:2fa" });

    // No sign-in pending, but signed in: the same page raises the session (step-up), under a new token.
    const before = next.jar.get(SESSION_COOKIE)!.value;
    const stepUp = await actions.passkeySecondFactorOptionsAction(slug);
    if (!stepUp.ok) throw new Error(stepUp.message);
    expect(await actions.passkeySecondFactorAction(slug, authenticator.authenticate(stepUp.options, { origin: ORIGIN }))).toEqual({
      ok: true,
      next: `/t/${slug}/signed-in`,
    });
    expect(next.jar.get(SESSION_COOKIE)!.value).not.toBe(before);
    expect(await resolveSession(database.db, tenantId, before)).toBeUndefined();

    next.jar.clear();
    expect(await actions.passkeySecondFactorOptionsAction(slug)).toMatchObject({ ok: false, code: "unauthorized" });
  });
});
