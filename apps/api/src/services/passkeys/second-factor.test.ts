import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, mfaChallenges, tenants, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { SoftwareAuthenticator } from "../../../test/webauthn/authenticator";
import { hashToken } from "../../lib/crypto";
import { createRateLimiter } from "../../lib/rate-limit";
import type { Runtime } from "../../lib/runtime";
import type { RequestContext } from "../context";
import { afterFirstFactor, type MfaRequired } from "../mfa/sign-in";
import { ACR } from "../oidc/claims";
import { createSession, resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { createUser } from "../users/users";
import { finishPasskeyRegistration, PasskeyNotAcceptedError, startPasskeyRegistration, startPasskeySignIn, type PasskeyDeps } from "./passkeys";
import { completePasskeySecondFactor, completePasskeyStepUp, startPasskeySecondFactor, startPasskeyStepUp } from "./second-factor";
import { serviceErrorOf } from "../../../test/service-errors";

let runtime: Runtime;
let database: TestDatabase;
let deps: PasskeyDeps;
let ORIGIN: string;
const home = { id: "", slug: "passkey-2fa" };
let counter = 0;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  home.id = (await createTenant(database.db, { actor: { type: "system" } }, { slug: home.slug, name: "Passkey 2FA" })).id;
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
  return { actor: { type: "user" }, ipAddress: `192.0.2.${counter % 250}` };
}

/** A user with a passkey (registered during a fresh session), and their authenticator. */
async function userWithPasskey() {
  counter += 1;
  const user = await createUser(database.db, { actor: { type: "system" } }, { tenantId: home.id, email: `twofa${counter}@example.com`, emailVerified: true });
  const { session } = await database.db.transaction((tx) => createSession(tx, ctx(), { tenantId: home.id, userId: user.id, amr: ["pwd"] }));
  const authenticator = new SoftwareAuthenticator({ userVerification: false });
  const options = await startPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: user.id, session });
  const registered = authenticator.register(options, { origin: ORIGIN });
  await finishPasskeyRegistration(database.db, deps, ctx(), { tenantId: home.id, userId: user.id, response: registered });
  return { user, authenticator, credentialId: registered.id };
}

/** A password sign-in of the user that now waits for its second factor. */
async function pendingSignIn(user: { id: string }) {
  const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, home.id));
  const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
  const outcome = await database.db.transaction((tx) => afterFirstFactor(tx, ctx(), { tenant: tenant!, user: row!, amr: ["pwd"] }));
  expect(outcome.status).toBe("mfa_required");
  return outcome as MfaRequired;
}

async function attemptsOf(challengeToken: string) {
  const [row] = await database.db.select().from(mfaChallenges).where(eq(mfaChallenges.tokenHash, hashToken(challengeToken)));
  return row!;
}

describe("a passkey as the second step of a sign-in", () => {
  it("is offered once the user has a passkey, lists that user's passkeys, and completes the sign-in: amr pwd + hwk + user + mfa, acr 2fa", async () => {
    const { user, authenticator, credentialId } = await userWithPasskey();
    const pending = await pendingSignIn(user);
    expect(pending.factors).toContain("passkey");

    const options = await startPasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: pending.challengeToken });
    expect(options.allowCredentials).toEqual([{ id: credentialId, type: "public-key", transports: ["internal", "hybrid"] }]);
    const signedIn = await completePasskeySecondFactor(database.db, deps, ctx(), {
      tenantSlug: home.slug,
      challengeToken: pending.challengeToken,
      response: authenticator.authenticate(options, { origin: ORIGIN }),
    });
    expect(signedIn.user.id).toBe(user.id);
    expect(signedIn.session).toMatchObject({ amr: ["pwd", "hwk", "user", "mfa"], acr: ACR.multiFactor });
    expect((await resolveSession(database.db, home.id, signedIn.sessionToken))?.session.id).toBe(signedIn.session.id);
    const [verified] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, home.id), eq(auditEvents.action, "user.mfa_verified")))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(verified!.data).toMatchObject({ method: "passkey" });

    // The pending sign-in is spent: the same token again is gone.
    const again = await serviceErrorOf(startPasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: pending.challengeToken }));
    expect(again.code).toBe("unauthorized");
  });

  it("counts a refused passkey against the pending sign-in: another user's passkey, a replayed answer, a sign-in challenge", async () => {
    const { user, authenticator } = await userWithPasskey();
    const stranger = await userWithPasskey();
    const pending = await pendingSignIn(user);
    const options = await startPasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: pending.challengeToken });
    const complete = (response: Parameters<typeof completePasskeySecondFactor>[3]["response"]) =>
      completePasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: pending.challengeToken, response });

    const theirs = await serviceErrorOf(complete(stranger.authenticator.authenticate({ ...options, allowCredentials: undefined }, { origin: ORIGIN })));
    expect(theirs).toBeInstanceOf(PasskeyNotAcceptedError);
    expect((theirs as PasskeyNotAcceptedError).reason).toBe("unknown_credential");
    expect((await attemptsOf(pending.challengeToken)).failedAttempts).toBe(1);

    const fromSignIn = await serviceErrorOf(complete(authenticator.authenticate(await startPasskeySignIn(database.db, deps, ctx(), { tenantSlug: home.slug }), { origin: ORIGIN })));
    expect((fromSignIn as PasskeyNotAcceptedError).reason).toBe("challenge_not_usable");
    expect((await attemptsOf(pending.challengeToken)).failedAttempts).toBe(2);

    const answer = authenticator.authenticate(await startPasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: pending.challengeToken }), {
      origin: ORIGIN,
    });
    const signedIn = await complete(answer);
    expect(signedIn.user.id).toBe(user.id);
    // Replayed for a new pending sign-in of the same user: the WebAuthn challenge was spent.
    const next = await pendingSignIn(user);
    const replay = await serviceErrorOf(completePasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: next.challengeToken, response: answer }));
    expect((replay as PasskeyNotAcceptedError).reason).toBe("challenge_not_usable");
  });

  it("answers unauthorized for a token that names no pending sign-in", async () => {
    const error = await serviceErrorOf(startPasskeySecondFactor(database.db, deps, ctx(), { tenantSlug: home.slug, challengeToken: "x".repeat(43) }));
    expect(error.code).toBe("unauthorized");
  });
});

describe("a passkey to step up a signed-in session", () => {
  it("raises a password session to 2fa with a new token; the old token ends and a replayed answer is refused", async () => {
    const { user, authenticator } = await userWithPasskey();
    const started = await database.db.transaction((tx) => createSession(tx, ctx(), { tenantId: home.id, userId: user.id, amr: ["pwd"] }));
    expect(started.session.acr).toBeNull();

    const options = await startPasskeyStepUp(database.db, deps, ctx(), { tenantSlug: home.slug, sessionToken: started.token });
    const answer = authenticator.authenticate(options, { origin: ORIGIN });
    const raised = await completePasskeyStepUp(database.db, deps, ctx(), { tenantSlug: home.slug, sessionToken: started.token, response: answer });
    expect(raised.session).toMatchObject({ id: started.session.id, amr: ["pwd", "hwk", "user", "mfa"], acr: ACR.multiFactor });
    expect((await resolveSession(database.db, home.id, raised.sessionToken))?.session.acr).toBe(ACR.multiFactor);
    expect(await resolveSession(database.db, home.id, started.token)).toBeUndefined();

    const replay = await serviceErrorOf(completePasskeyStepUp(database.db, deps, ctx(), { tenantSlug: home.slug, sessionToken: raised.sessionToken, response: answer }));
    expect((replay as PasskeyNotAcceptedError).reason).toBe("challenge_not_usable");
  });

  it("refuses another user's passkey and a session that is not live", async () => {
    const { user } = await userWithPasskey();
    const stranger = await userWithPasskey();
    const started = await database.db.transaction((tx) => createSession(tx, ctx(), { tenantId: home.id, userId: user.id, amr: ["pwd"] }));
    const options = await startPasskeyStepUp(database.db, deps, ctx(), { tenantSlug: home.slug, sessionToken: started.token });
    const theirs = await serviceErrorOf(
      completePasskeyStepUp(database.db, deps, ctx(), {
        tenantSlug: home.slug,
        sessionToken: started.token,
        response: stranger.authenticator.authenticate({ ...options, allowCredentials: undefined }, { origin: ORIGIN }),
      }),
    );
    expect((theirs as PasskeyNotAcceptedError).reason).toBe("unknown_credential");
    expect((await resolveSession(database.db, home.id, started.token))?.session.acr).toBeNull();
    expect((await serviceErrorOf(startPasskeyStepUp(database.db, deps, ctx(), { tenantSlug: home.slug, sessionToken: "y".repeat(43) }))).code).toBe("unauthorized");
  });
});
