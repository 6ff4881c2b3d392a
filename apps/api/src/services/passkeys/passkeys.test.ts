import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, credentials, sessions, tenants, webauthnChallenges } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { SoftwareAuthenticator } from "../../../test/webauthn/authenticator";
import { hashToken } from "../../lib/crypto";
import { createRateLimiter } from "../../lib/rate-limit";
import type { Runtime } from "../../lib/runtime";
import { verifyAuditChain } from "../audit/audit";
import type { RequestContext } from "../context";
import { RateLimitedError } from "../errors";
import { listOutbox } from "../mail/outbox";
import { ACR } from "../oidc/claims";
import { createSession, resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { blockUser } from "../users/lifecycle";
import { createUser } from "../users/users";
import {
  finishPasskeyRegistration,
  finishPasskeySignIn,
  hasPasskey,
  listPasskeys,
  MAX_PASSKEYS_PER_USER,
  PasskeyNotAcceptedError,
  passkeyLimits,
  passkeyOptionsForUser,
  removePasskey,
  renamePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
  verifyPasskeyForUser,
  type PasskeyDeps,
} from "./passkeys";
import { userHandleBase64url } from "./relying-party";
import { serviceErrorOf } from "../../../test/service-errors";

let runtime: Runtime;
let database: TestDatabase;
let deps: PasskeyDeps;
const home = { id: "", slug: "passkey-home" };
const other = { id: "", slug: "passkey-other" };
let ORIGIN: string;
let counter = 0;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  home.id = (await createTenant(database.db, { actor: { type: "system" } }, { slug: home.slug, name: "Passkey Home" })).id;
  other.id = (await createTenant(database.db, { actor: { type: "system" } }, { slug: other.slug, name: "Passkey Other" })).id;
  await database.db
    .update(tenants)
    .set({ settings: { branding: { displayName: "Home Shop" } } })
    .where(eq(tenants.id, home.id));
  ORIGIN = new URL(runtime.config.publicUrl).origin;
});
afterAll(async () => {
  await deps?.limiter.close();
  await database?.dispose();
});
beforeEach(() => {
  deps = { config: runtime.config, mailer: runtime.mailer, limiter: createRateLimiter({ redisUrl: undefined }) };
});

function ctx(): RequestContext {
  counter += 1;
  return { actor: { type: "user" }, ipAddress: `203.0.113.${counter % 250}`, userAgent: "vitest" };
}

/** A verified user of a tenant, with a session that signed in just now (or `authTime`). */
async function person(tenant = home, authTime = new Date()) {
  counter += 1;
  const user = await createUser(database.db, { actor: { type: "system" } }, {
    tenantId: tenant.id,
    email: `person${counter}@example.com`,
    name: `Person ${counter}`,
    emailVerified: true,
  });
  const { session } = await database.db.transaction((tx) =>
    createSession(tx, ctx(), { tenantId: tenant.id, userId: user.id, amr: ["pwd"], now: authTime }),
  );
  return { user, session, tenant };
}

/** Registers a passkey for the person with the authenticator; returns its summary. */
async function withPasskey(who: Awaited<ReturnType<typeof person>>, authenticator = new SoftwareAuthenticator(), name?: string) {
  const options = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: who.tenant.id, userId: who.user.id, session: who.session });
  const response = authenticator.register(options, { origin: ORIGIN });
  const { passkey, recoveryCodes } = await finishPasskeyRegistration(database.db, deps, ctx(), {
    tenantId: who.tenant.id,
    userId: who.user.id,
    response,
    ...(name ? { name } : {}),
  });
  return { passkey, recoveryCodes, authenticator, response };
}

async function signInOptions(tenant = home) {
  return startPasskeySignIn(database.db, deps, ctx(), { tenantSlug: tenant.slug });
}

async function expectRefusedSignIn(promise: Promise<unknown>, reason: string) {
  const error = await serviceErrorOf(promise);
  expect(error).toBeInstanceOf(PasskeyNotAcceptedError);
  expect(error.code).toBe("invalid_passkey");
  expect((error as PasskeyNotAcceptedError).reason).toBe(reason);
}

async function lastEvent(tenantId: string, action: string) {
  const [event] = await database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, action)))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return event;
}

async function newestMail(tenantId: string, to: string, kind: string) {
  const [mail] = await listOutbox(database.db, { tenantId, to, kind, limit: 1 });
  return mail;
}

describe("registration", () => {
  it("asks for a discoverable credential for this host, named for the tenant, with a user handle that is no id or address", async () => {
    const who = await person();
    const options = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    expect(options.rp).toEqual({ id: new URL(runtime.config.publicUrl).hostname, name: "Home Shop" });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", requireResidentKey: true, userVerification: "preferred" });
    expect(options.attestation).toBe("none");
    expect(options.timeout).toBe(300_000);
    expect(options.pubKeyCredParams.map((p) => p.alg)).toContain(-7);
    expect(options.user.name).toBe(who.user.email);
    expect(options.user.displayName).toBe(who.user.name);
    const handle = Buffer.from(options.user.id, "base64url");
    expect(handle).toHaveLength(32);
    expect(options.user.id).not.toContain(who.user.id);
    expect(handle.toString("utf8")).not.toContain(who.user.email);
    expect(options.user.id).toBe(userHandleBase64url(runtime.config.secret, home.id, who.user.id));
    // The same user's handle is stable; another user's, or another tenant's, differs.
    const again = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    expect(again.user.id).toBe(options.user.id);
    expect(again.challenge).not.toBe(options.challenge);
    expect(userHandleBase64url(runtime.config.secret, other.id, who.user.id)).not.toBe(options.user.id);
    // Only the challenge's hash is stored, bound to the user and the ceremony, for five minutes.
    const [row] = await database.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challengeHash, hashToken(options.challenge)));
    expect(row).toMatchObject({ tenantId: home.id, userId: who.user.id, ceremony: "registration", consumedAt: null });
    const life = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(life).toBeGreaterThan(299_000);
    expect(life).toBeLessThan(301_000);
  });

  it("verifies and keeps the passkey, records passkey.added and tells the account's address", async () => {
    const who = await person();
    const { passkey, response } = await withPasskey(who, undefined, "Work laptop");
    expect(passkey).toMatchObject({ name: "Work laptop", transports: ["internal", "hybrid"], lastUsedAt: null });
    expect(await listPasskeys(database.db, { tenantId: home.id, userId: who.user.id })).toEqual([passkey]);
    expect(await hasPasskey(database.db, { tenantId: home.id, userId: who.user.id })).toBe(true);

    const [row] = await database.db.select().from(credentials).where(eq(credentials.id, passkey.id));
    expect(row).toMatchObject({ type: "passkey", userId: who.user.id, passkeyId: response.id, passkeyCounter: 0, secret: null });
    expect(row!.passkeyPublicKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(row!.verifiedAt).toBeInstanceOf(Date);

    const event = await lastEvent(home.id, "passkey.added");
    expect(event).toMatchObject({ actorType: "user", actorId: who.user.id, targetType: "credential", targetId: passkey.id });
    expect(event!.data).toMatchObject({ userId: who.user.id, name: "Work laptop", userVerified: true, attestation: "none" });
    expect(JSON.stringify(event!.data)).not.toContain(row!.passkeyPublicKey!);
    const mail = await newestMail(home.id, who.user.email, "passkey-added");
    expect(mail?.subject).toBe("A passkey was added to your Home Shop account");
    expect(mail?.text).toContain('"Work laptop"');
    expect(await verifyAuditChain(database.db, home.id)).toEqual({ ok: true });
  });

  it("comes with ten recovery codes when it is the account's first second factor; the last one's removal takes them away", async () => {
    const who = await person();
    const first = await withPasskey(who);
    expect(first.recoveryCodes).toHaveLength(10);
    expect(new Set(first.recoveryCodes).size).toBe(10);
    expect((await lastEvent(home.id, "mfa.recovery_codes_generated"))!.data).toMatchObject({ reason: "first_factor" });
    const second = await withPasskey(who);
    expect(second.recoveryCodes).toBeUndefined();
    const codes = () =>
      database.db
        .select({ id: credentials.id })
        .from(credentials)
        .where(and(eq(credentials.userId, who.user.id), eq(credentials.type, "recovery_code")));
    expect(await codes()).toHaveLength(10);

    await removePasskey(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, passkeyId: first.passkey.id, session: who.session });
    expect(await codes()).toHaveLength(10);
    await removePasskey(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, passkeyId: second.passkey.id, session: who.session });
    expect(await codes()).toHaveLength(0);
    expect((await lastEvent(home.id, "passkey.removed"))!.data).toMatchObject({ recoveryCodesRemoved: 10 });
  });

  it("names an unnamed passkey from what the browser said, and excludes the user's existing passkeys next time", async () => {
    const who = await person();
    const { passkey, response, authenticator } = await withPasskey(who);
    expect(passkey.name).toBe("Passkey on this device");
    const options = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    expect(options.excludeCredentials).toEqual([{ id: response.id, type: "public-key", transports: ["internal", "hybrid"] }]);
    expect(() => authenticator.register(options, { origin: ORIGIN })).toThrow(/InvalidStateError/);
  });

  it("accepts a passkey added from Plinto's account portal (same RP ID), not from another site, and signs in on the API's origin only", async () => {
    const portal = new URL(runtime.config.accountPortalUrl).origin;
    expect(portal).not.toBe(ORIGIN);
    const who = await person();
    const start = () => startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    const finish = (response: Parameters<typeof finishPasskeyRegistration>[3]["response"]) =>
      finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, response });

    const elsewhere = new SoftwareAuthenticator().register(await start(), { origin: "http://localhost:3002" });
    expect((await serviceErrorOf(finish(elsewhere))).code).toBe("passkey_registration_failed");

    const authenticator = new SoftwareAuthenticator();
    const { passkey } = await finish(authenticator.register(await start(), { origin: portal }));
    expect(passkey.id).toMatch(/^cred_/);
    expect(await listPasskeys(database.db, { tenantId: home.id, userId: who.user.id })).toHaveLength(1);

    // Signing in with it is a hosted page's job: an assertion made on the portal's origin is refused.
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(await signInOptions(), { origin: portal }) }),
      "verification_failed",
    );
    const signedIn = await finishPasskeySignIn(database.db, deps, ctx(), {
      tenantSlug: home.slug,
      response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN }),
    });
    expect(signedIn.user.id).toBe(who.user.id);
  });

  it("needs a sign-in within the last five minutes", async () => {
    const who = await person(home, new Date(Date.now() - 6 * 60_000));
    const error = await serviceErrorOf(startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session }));
    expect(error.code).toBe("reauthentication_required");
  });

  it("spends the challenge once: the same answer again, or after a refusal, is refused", async () => {
    const who = await person();
    const options = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    const authenticator = new SoftwareAuthenticator();
    const bad = authenticator.register(options, { origin: "https://evil.example" });
    expect((await serviceErrorOf(finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, response: bad }))).code).toBe(
      "passkey_registration_failed",
    );
    // The right origin now comes too late: the challenge was spent by the failed attempt.
    const good = authenticator.register(options, { origin: ORIGIN });
    expect((await serviceErrorOf(finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, response: good }))).code).toBe(
      "passkey_registration_failed",
    );

    const fresh = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    const answer = new SoftwareAuthenticator().register(fresh, { origin: ORIGIN });
    await finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, response: answer });
    expect((await serviceErrorOf(finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, response: answer }))).code).toBe(
      "passkey_registration_failed",
    );
    expect(await listPasskeys(database.db, { tenantId: home.id, userId: who.user.id })).toHaveLength(1);
  });

  it("refuses a wrong RP ID, an expired challenge, another user's challenge, and a browser-named id that is not the authenticator's", async () => {
    const who = await person();
    const stranger = await person();
    const start = () => startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session });
    const finish = (response: Parameters<typeof finishPasskeyRegistration>[3]["response"], userId = who.user.id) =>
      finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId, response });

    const wrongRp = new SoftwareAuthenticator().register(await start(), { origin: ORIGIN, rpId: "evil.example" });
    expect((await serviceErrorOf(finish(wrongRp))).code).toBe("passkey_registration_failed");

    const late = await start();
    await database.db
      .update(webauthnChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(webauthnChallenges.challengeHash, hashToken(late.challenge)));
    expect((await serviceErrorOf(finish(new SoftwareAuthenticator().register(late, { origin: ORIGIN })))).code).toBe("passkey_registration_failed");

    const mine = new SoftwareAuthenticator().register(await start(), { origin: ORIGIN });
    expect((await serviceErrorOf(finish(mine, stranger.user.id))).code).toBe("passkey_registration_failed");

    const renamed = new SoftwareAuthenticator().register(await start(), { origin: ORIGIN });
    const swapped = { ...renamed, id: "A".repeat(43), rawId: "A".repeat(43) };
    expect((await serviceErrorOf(finish(swapped))).code).toBe("passkey_registration_failed");
    expect(await listPasskeys(database.db, { tenantId: home.id, userId: who.user.id })).toEqual([]);
  });

  it(`stops at ${MAX_PASSKEYS_PER_USER} passkeys`, async () => {
    const who = await person();
    const { passkey } = await withPasskey(who);
    const [row] = await database.db.select().from(credentials).where(eq(credentials.id, passkey.id));
    await database.db.insert(credentials).values(
      Array.from({ length: MAX_PASSKEYS_PER_USER - 1 }, (_, i) => ({
        tenantId: home.id,
        userId: who.user.id,
        type: "passkey" as const,
        name: `Copy ${i}`,
        passkeyId: `copy-${i}-${row!.passkeyId}`,
        passkeyPublicKey: row!.passkeyPublicKey,
        passkeyCounter: 0,
      })),
    );
    const error = await serviceErrorOf(startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session }));
    expect(error.code).toBe("conflict");
  });
});

describe("passwordless sign-in", () => {
  it("offers no allowCredentials, and signs in by the credential alone: amr hwk + user + mfa and acr 2fa when the user was verified", async () => {
    const who = await person();
    const { passkey, authenticator } = await withPasskey(who);
    const options = await signInOptions();
    expect(options.allowCredentials).toBeUndefined();
    expect(options).toMatchObject({ rpId: new URL(runtime.config.publicUrl).hostname, userVerification: "required", timeout: 300_000 });

    const result = await finishPasskeySignIn(database.db, deps, ctx(), {
      tenantSlug: home.slug,
      response: authenticator.authenticate(options, { origin: ORIGIN }),
    });
    expect(result.user.id).toBe(who.user.id);
    expect(result.userVerified).toBe(true);
    expect(result.session).toMatchObject({ userId: who.user.id, amr: ["hwk", "user", "mfa"], acr: ACR.multiFactor });
    expect((await resolveSession(database.db, home.id, result.sessionToken))?.session.id).toBe(result.session.id);

    const event = await lastEvent(home.id, "user.signed_in");
    expect(event).toMatchObject({ actorId: who.user.id, targetId: who.user.id });
    expect(event!.data).toMatchObject({ method: "passkey", credentialId: passkey.id, userVerified: true, sessionId: result.session.id });
    const [row] = await database.db.select().from(credentials).where(eq(credentials.id, passkey.id));
    expect(row!.passkeyCounter).toBe(1);
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("without user verification a passkey alone does not sign in (it would skip the second factor)", async () => {
    const who = await person();
    const { authenticator } = await withPasskey(who, new SoftwareAuthenticator({ userVerification: false }));
    const options = await signInOptions();
    expect(options.userVerification).toBe("required");
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(options, { origin: ORIGIN }) }),
      "verification_failed",
    );
  });

  it("refuses a replayed answer: the challenge was spent by the first use", async () => {
    const who = await person();
    const { authenticator } = await withPasskey(who);
    const response = authenticator.authenticate(await signInOptions(), { origin: ORIGIN });
    await finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response });
    await expectRefusedSignIn(finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response }), "challenge_not_usable");
    const failed = await lastEvent(home.id, "user.sign_in_failed");
    expect(failed!.data).toEqual({ method: "passkey", reason: "challenge_not_usable" });
  });

  it("refuses an expired challenge and one never issued", async () => {
    const who = await person();
    const { authenticator } = await withPasskey(who);
    const options = await signInOptions();
    await database.db
      .update(webauthnChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(webauthnChallenges.challengeHash, hashToken(options.challenge)));
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(options, { origin: ORIGIN }) }),
      "challenge_not_usable",
    );
    const made_up = { ...options, challenge: Buffer.alloc(32, 7).toString("base64url") };
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(made_up, { origin: ORIGIN }) }),
      "challenge_not_usable",
    );
  });

  it("refuses an answer made for another origin or another RP ID, and spends the challenge doing so", async () => {
    const who = await person();
    const { authenticator } = await withPasskey(who);
    for (const bent of [{ origin: "https://evil.example" }, { origin: "http://localhost:4001" }, { origin: ORIGIN, rpId: "evil.example" }]) {
      const options = await signInOptions();
      await expectRefusedSignIn(
        finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(options, bent) }),
        "verification_failed",
      );
      // The same challenge answered properly now is too late.
      await expectRefusedSignIn(
        finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(options, { origin: ORIGIN }) }),
        "challenge_not_usable",
      );
    }
  });

  it("refuses an unknown credential, a bad signature, and a user handle that is not the credential's user's", async () => {
    const who = await person();
    const stranger = await person();
    const { authenticator } = await withPasskey(who);
    const readable = authenticator.authenticate(await signInOptions(), { origin: ORIGIN });
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), {
        tenantSlug: home.slug,
        response: { ...readable, response: { ...readable.response, clientDataJSON: Buffer.from("not json").toString("base64url") } },
      }),
      "unreadable",
    );

    const unregistered = new SoftwareAuthenticator();
    unregistered.register(
      { ...(await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, session: who.session })) },
      { origin: ORIGIN },
    );
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: unregistered.authenticate(await signInOptions(), { origin: ORIGIN }) }),
      "unknown_credential",
    );

    const signed = authenticator.authenticate(await signInOptions(), { origin: ORIGIN });
    const signature = Buffer.from(signed.response.signature, "base64url");
    signature.writeUInt8(signature.readUInt8(signature.length - 1) ^ 1, signature.length - 1);
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), {
        tenantSlug: home.slug,
        response: { ...signed, response: { ...signed.response, signature: signature.toString("base64url") } },
      }),
      "verification_failed",
    );

    const strangerHandle = userHandleBase64url(runtime.config.secret, home.id, stranger.user.id);
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), {
        tenantSlug: home.slug,
        response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN, userHandle: strangerHandle }),
      }),
      "user_handle_mismatch",
    );
    // Without a user handle (a non-discoverable answer) the credential alone decides.
    const withoutHandle = await finishPasskeySignIn(database.db, deps, ctx(), {
      tenantSlug: home.slug,
      response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN, userHandle: null }),
    });
    expect(withoutHandle.user.id).toBe(who.user.id);
  });

  it("refuses a counter that does not grow (a cloned authenticator), and accepts counters that stay 0", async () => {
    const who = await person();
    const { authenticator, passkey } = await withPasskey(who);
    await finishPasskeySignIn(database.db, deps, ctx(), {
      tenantSlug: home.slug,
      response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN, counter: 5 }),
    });
    for (const counter of [5, 3, 0]) {
      await expectRefusedSignIn(
        finishPasskeySignIn(database.db, deps, ctx(), {
          tenantSlug: home.slug,
          response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN, counter }),
        }),
        "counter_regression",
      );
    }
    const [row] = await database.db.select().from(credentials).where(eq(credentials.id, passkey.id));
    expect(row!.passkeyCounter).toBe(5);
    await finishPasskeySignIn(database.db, deps, ctx(), {
      tenantSlug: home.slug,
      response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN, counter: 6 }),
    });

    const synced = await withPasskey(await person(), new SoftwareAuthenticator({ counterMode: "zero" }));
    for (let i = 0; i < 2; i += 1) {
      const result = await finishPasskeySignIn(database.db, deps, ctx(), {
        tenantSlug: home.slug,
        response: synced.authenticator.authenticate(await signInOptions(), { origin: ORIGIN }),
      });
      expect(result.session.amr).toContain("hwk");
    }
  });

  it("keeps tenants apart: a passkey of one tenant does not sign in to another, nor does a challenge cross", async () => {
    const who = await person(home);
    const { authenticator } = await withPasskey(who);
    // The browser offers the passkey on every tenant's page (one host): the server refuses it.
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: other.slug, response: authenticator.authenticate(await signInOptions(other), { origin: ORIGIN }) }),
      "unknown_credential",
    );
    // A challenge issued by the home tenant is not one of the other tenant's.
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: other.slug, response: authenticator.authenticate(await signInOptions(home), { origin: ORIGIN }) }),
      "challenge_not_usable",
    );
    const failed = await lastEvent(other.id, "user.sign_in_failed");
    expect(failed!.data).toMatchObject({ method: "passkey" });
    expect(await lastEvent(other.id, "user.signed_in")).toBeUndefined();
  });

  it("refuses a blocked user's passkey", async () => {
    const who = await person();
    const { authenticator } = await withPasskey(who);
    await database.db.transaction((tx) => blockUser(tx, { actor: { type: "system" } }, { tenantId: home.id, userId: who.user.id }));
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN }) }),
      "user_not_active",
    );
  });

  it("is rate limited per client address, for options and for answers", async () => {
    const address: RequestContext = { actor: { type: "user" }, ipAddress: "198.51.100.77" };
    for (let i = 0; i < passkeyLimits.optionsPerIp.limit; i += 1) await startPasskeySignIn(database.db, deps, address, { tenantSlug: home.slug });
    const error = await serviceErrorOf(startPasskeySignIn(database.db, deps, address, { tenantSlug: home.slug }));
    expect(error).toBeInstanceOf(RateLimitedError);

    const who = await person();
    const { authenticator } = await withPasskey(who);
    const guesser: RequestContext = { actor: { type: "user" }, ipAddress: "198.51.100.78" };
    const response = authenticator.authenticate(await signInOptions(), { origin: ORIGIN });
    // A different made-up credential each time, so only the per-address limit counts them all.
    const guess = () => {
      const id = randomBytes(32).toString("base64url");
      return { ...response, id, rawId: id };
    };
    for (let i = 0; i < passkeyLimits.signInPerIp.limit; i += 1) {
      const error = await serviceErrorOf(finishPasskeySignIn(database.db, deps, guesser, { tenantSlug: home.slug, response: guess() }));
      expect(error).toBeInstanceOf(PasskeyNotAcceptedError);
    }
    expect(await serviceErrorOf(finishPasskeySignIn(database.db, deps, guesser, { tenantSlug: home.slug, response: guess() }))).toBeInstanceOf(RateLimitedError);
    // The real passkey from that address waits too; from another it works.
    const real = authenticator.authenticate(await signInOptions(), { origin: ORIGIN });
    expect(await serviceErrorOf(finishPasskeySignIn(database.db, deps, guesser, { tenantSlug: home.slug, response: real }))).toBeInstanceOf(RateLimitedError);
    expect((await finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: real })).user.id).toBe(who.user.id);
  });

  it("is rate limited per credential", async () => {
    const who = await person();
    const { authenticator } = await withPasskey(who);
    const options = await signInOptions();
    const response = authenticator.authenticate(options, { origin: "https://evil.example" });
    for (let i = 0; i < passkeyLimits.perCredential.limit; i += 1) {
      expect(await serviceErrorOf(finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response }))).toBeInstanceOf(PasskeyNotAcceptedError);
    }
    expect(await serviceErrorOf(finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response }))).toBeInstanceOf(RateLimitedError);
  });

  it("answers not_found for an unknown tenant", async () => {
    expect((await serviceErrorOf(startPasskeySignIn(database.db, deps, ctx(), { tenantSlug: "no-such-tenant" }))).code).toBe("not_found");
  });
});

describe("managing passkeys", () => {
  it("renames only the user's own passkey, recording passkey.renamed", async () => {
    const who = await person();
    const stranger = await person();
    const { passkey } = await withPasskey(who);
    const renamed = await renamePasskey(database.db, ctx(), { tenantId: home.id, userId: who.user.id, passkeyId: passkey.id, name: "  Phone  " });
    expect(renamed).toMatchObject({ id: passkey.id, name: "Phone" });
    expect((await lastEvent(home.id, "passkey.renamed"))!.data).toMatchObject({ from: "Passkey on this device", to: "Phone" });
    expect((await serviceErrorOf(renamePasskey(database.db, ctx(), { tenantId: home.id, userId: stranger.user.id, passkeyId: passkey.id, name: "Mine" }))).code).toBe(
      "not_found",
    );
    expect((await serviceErrorOf(renamePasskey(database.db, ctx(), { tenantId: other.id, userId: who.user.id, passkeyId: passkey.id, name: "Mine" }))).code).toBe(
      "not_found",
    );
    expect((await serviceErrorOf(renamePasskey(database.db, ctx(), { tenantId: home.id, userId: who.user.id, passkeyId: passkey.id, name: " " }))).code).toBe(
      "validation_failed",
    );
  });

  it("removes only the user's own passkey, after a recent sign-in; records passkey.removed and tells the address; it then signs in no more", async () => {
    const who = await person();
    const stranger = await person();
    const { passkey, authenticator } = await withPasskey(who, undefined, "Old key");
    expect(
      (await serviceErrorOf(removePasskey(database.db, deps, ctx(), { tenantId: home.id, userId: stranger.user.id, passkeyId: passkey.id, session: stranger.session })))
        .code,
    ).toBe("not_found");
    const stale = { authTime: new Date(Date.now() - 10 * 60_000) };
    expect((await serviceErrorOf(removePasskey(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, passkeyId: passkey.id, session: stale }))).code).toBe(
      "reauthentication_required",
    );

    await removePasskey(database.db, deps, ctx(), { tenantId: home.id, userId: who.user.id, passkeyId: passkey.id, session: who.session });
    expect(await listPasskeys(database.db, { tenantId: home.id, userId: who.user.id })).toEqual([]);
    expect(await lastEvent(home.id, "passkey.removed")).toMatchObject({ targetId: passkey.id, actorId: who.user.id });
    expect((await newestMail(home.id, who.user.email, "passkey-removed"))?.text).toContain('"Old key"');
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: authenticator.authenticate(await signInOptions(), { origin: ORIGIN }) }),
      "unknown_credential",
    );
    // The session that removed it is untouched.
    const [live] = await database.db.select().from(sessions).where(eq(sessions.id, who.session.id));
    expect(live!.revokedAt).toBeNull();
  });
});

describe("second factor (verifyPasskeyForUser)", () => {
  it("lists the user's passkeys, checks one against a challenge bound to that user, and returns the methods proved", async () => {
    const who = await person();
    const { authenticator, passkey, response: registered } = await withPasskey(who);
    const options = await passkeyOptionsForUser(database.db, ctx(), { config: runtime.config, tenantId: home.id, userId: who.user.id });
    expect(options.allowCredentials).toEqual([{ id: registered.id, type: "public-key", transports: ["internal", "hybrid"] }]);
    const result = await verifyPasskeyForUser(database.db, ctx(), {
      config: runtime.config,
      tenantId: home.id,
      userId: who.user.id,
      response: authenticator.authenticate(options, { origin: ORIGIN, userVerified: false }),
    });
    expect(result).toEqual({ credentialId: passkey.id, userVerified: false, amr: ["hwk", "user"] });
  });

  it("refuses another user's passkey, another user's challenge, a sign-in challenge, a replay, and no UV when UV is required", async () => {
    const who = await person();
    const stranger = await person();
    const mine = await withPasskey(who);
    const theirs = await withPasskey(stranger);
    const verify = (userId: string, response: Parameters<typeof verifyPasskeyForUser>[2]["response"], requireUserVerification = false) =>
      verifyPasskeyForUser(database.db, ctx(), { config: runtime.config, tenantId: home.id, userId, response, requireUserVerification });
    const optionsFor = (userId: string) => passkeyOptionsForUser(database.db, ctx(), { config: runtime.config, tenantId: home.id, userId });

    // The stranger's passkey, answering a challenge made for me.
    const forMe = await optionsFor(who.user.id);
    await expectRefusedSignIn(verify(who.user.id, theirs.authenticator.authenticate({ ...forMe, allowCredentials: undefined }, { origin: ORIGIN })), "unknown_credential");
    // My passkey, answering a challenge made for the stranger.
    await expectRefusedSignIn(verify(who.user.id, mine.authenticator.authenticate({ ...(await optionsFor(stranger.user.id)), allowCredentials: undefined }, { origin: ORIGIN })), "challenge_not_usable");
    // A passwordless sign-in challenge is no second-factor challenge.
    await expectRefusedSignIn(verify(who.user.id, mine.authenticator.authenticate(await signInOptions(), { origin: ORIGIN })), "challenge_not_usable");
    // A second-factor challenge does not sign anyone in on its own.
    await expectRefusedSignIn(
      finishPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug, response: mine.authenticator.authenticate(await optionsFor(who.user.id), { origin: ORIGIN }) }),
      "challenge_not_usable",
    );

    const once = mine.authenticator.authenticate(await optionsFor(who.user.id), { origin: ORIGIN });
    await verify(who.user.id, once);
    await expectRefusedSignIn(verify(who.user.id, once), "challenge_not_usable");

    await expectRefusedSignIn(verify(who.user.id, mine.authenticator.authenticate(await optionsFor(who.user.id), { origin: ORIGIN, userVerified: false }), true), "verification_failed");
    const verified = await verify(who.user.id, mine.authenticator.authenticate(await optionsFor(who.user.id), { origin: ORIGIN }), true);
    expect(verified.amr).toEqual(["hwk", "user", "mfa"]);
  });

  it("answers not_found for a user without passkeys", async () => {
    const who = await person();
    expect((await serviceErrorOf(passkeyOptionsForUser(database.db, ctx(), { config: runtime.config, tenantId: home.id, userId: who.user.id }))).code).toBe(
      "not_found",
    );
  });
});
