/**
 * Multi-factor authentication through the real pieces: a fresh database (PGlite, or PostgreSQL with
 * DATABASE_URL), the outbox and a real SMTP catcher for mail, in-memory limits. Time is passed in:
 * every TOTP check here runs at a moment the test chose, never on a fake timer.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, credentials, memberships, mfaChallenges, organizations, roles, sessions, tenants, type TenantSettings } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { createMailer, type Mailer } from "../../lib/mail";
import { startSmtpCatcher, type SmtpCatcher } from "../../lib/mail/testing";
import { createRateLimiter } from "../../lib/rate-limit";
import type { Runtime } from "../../lib/runtime";
import { verifyAuditChain } from "../audit/audit";
import { completeEmailSignIn, requestEmailSignIn, requestPasswordReset, resetPassword, signInWithPassword, type AuthDeps } from "../auth/auth";
import type { RequestContext } from "../context";
import { RateLimitedError, type ServiceError } from "../errors";
import { listOutbox } from "../mail/outbox";
import { ACR } from "../oidc/claims";
import { resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { createUser, findUserByEmail } from "../users/users";
import { MAX_MFA_ATTEMPTS } from "./challenges";
import { confirmTotpEnrolment, pendingEnrolment, startTotpEnrolment } from "./enrolment";
import { listFactors, regenerateRecoveryCodes, removeFactor, resetSecondFactors } from "./manage";
import { RECOVERY_CODE_COUNT } from "./recovery-codes";
import {
  completeMfaChallenge,
  completeMfaChallengeWith,
  describeMfaChallenge,
  recordMfaChallengeFailure,
  sendMfaEmailCode,
  sendStepUpEmailCode,
  stepUpSession,
} from "./sign-in";
import { expectSignedIn, expectStatus } from "./testing";
import { totpCode, totpStep, verifyTotp } from "./totp";
import { serviceErrorOf } from "../../../test/service-errors";

let runtime: Runtime;
let database: TestDatabase;
let deps: AuthDeps;
let tenantId: string;
let catcher: SmtpCatcher;
let smtpMailer: Mailer;
let counter = 0;
const tenantSlug = "mfa-tests";
const PASSWORD = "a long and unusual passphrase";
/** A moment on a step boundary, so `T0 + k·30 s` is step `S0 + k`. */
const T0 = new Date(Math.floor(Date.UTC(2031, 4, 1, 12) / 30_000) * 30_000);
const S0 = totpStep(T0);
const after = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  tenantId = (await createTenant(database.db, { actor: { type: "system" } }, { slug: tenantSlug, name: "MFA Tests" })).id;
  catcher = await startSmtpCatcher();
  smtpMailer = createMailer({ smtpUrl: catcher.url, embedded: false }, database.db, { from: "Plinto <no-reply@example.com>" });
});
afterAll(async () => {
  await deps?.limiter.close();
  await smtpMailer?.close();
  await catcher?.close();
  await database?.dispose();
});
beforeEach(async () => {
  deps = { config: runtime.config, mailer: runtime.mailer, limiter: createRateLimiter({ redisUrl: undefined }) };
  await setPolicy({});
});

async function setPolicy(mfaPolicy: Record<string, unknown>, id = tenantId) {
  await database.db
    .update(tenants)
    .set({ settings: { mfaPolicy } as TenantSettings })
    .where(eq(tenants.id, id));
}

/** A confirmed user of their own, with their own client address. */
async function person() {
  counter += 1;
  const email = `mfa${counter}@example.com`;
  const ctx = { actor: { type: "user" }, ipAddress: `203.0.113.${counter}` } as RequestContext;
  const user = await createUser(database.db, { actor: { type: "system" } }, { tenantId, email, password: PASSWORD, emailVerified: true });
  return { email, ctx, user };
}

const passwordSignIn = (p: { email: string; ctx: RequestContext }, now?: Date) =>
  signInWithPassword(database.db, deps, p.ctx, { tenantSlug, email: p.email, password: PASSWORD, ...(now ? { now } : {}) });

/** Sets up an authenticator for a signed-in person at T0 (confirmed with step S0's code). */
async function withAuthenticator(p: Awaited<ReturnType<typeof person>>) {
  const signedIn = expectSignedIn(await passwordSignIn(p, T0));
  const started = await startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken: signedIn.sessionToken, now: T0 });
  const confirmed = await confirmTotpEnrolment(database.db, deps, p.ctx, {
    tenantSlug,
    sessionToken: signedIn.sessionToken,
    code: totpCode(started.secret, S0),
    now: T0,
  });
  return { secret: started.secret, sessionToken: signedIn.sessionToken, recoveryCodes: confirmed.recoveryCodes!, credentialId: started.credentialId };
}

async function sessionCount(userId: string) {
  return (await database.db.select().from(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)))).length;
}

async function auditActions(userId: string) {
  const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(auditEvents.seq);
  return rows.filter((r) => r.targetId === userId || r.actorId === userId).map((r) => r.action);
}

async function newestMail(to: string, kind: string) {
  const [mail] = await listOutbox(database.db, { tenantId, to, kind, limit: 1 });
  return mail;
}

describe("enrolment", () => {
  it("starts with a secret, URI and QR code, confirms with a code, and gives ten recovery codes once", async () => {
    const p = await person();
    const { sessionToken } = expectSignedIn(await passwordSignIn(p, T0));
    const started = await startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken, now: T0 });
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/MFA%20Tests:mfa\d+%40example\.com\?/);
    expect(started.uri).toContain(`secret=${started.secret}`);
    expect(started.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");
    expect(started).toMatchObject({ issuer: "MFA Tests", label: p.email });

    // Stored encrypted, bound to its row: not the base32 seed.
    const [row] = await database.db.select().from(credentials).where(eq(credentials.id, started.credentialId));
    expect(row!.secret).toMatch(/^v1\./);
    expect(row!.secret).not.toContain(started.secret);
    expect(row!.verifiedAt).toBeNull();
    // The page can show it again until it is confirmed.
    expect((await pendingEnrolment(database.db, deps, { tenantSlug, sessionToken, now: after(60) }))?.secret).toBe(started.secret);

    const wrong = totpCode(started.secret, S0 + 5);
    expect((await serviceErrorOf(confirmTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken, code: wrong, now: T0 }))).code).toBe(
      "invalid_verification",
    );
    const confirmed = await confirmTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken, code: totpCode(started.secret, S0), now: T0 });
    expect(confirmed.factor).toMatchObject({ id: started.credentialId, type: "totp" });
    expect(confirmed.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(confirmed.recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of confirmed.recoveryCodes!) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const stored = await database.db
      .select({ secret: credentials.secret })
      .from(credentials)
      .where(and(eq(credentials.userId, p.user.id), eq(credentials.type, "recovery_code")));
    expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
    for (const { secret } of stored) expect(confirmed.recoveryCodes!.join(" ")).not.toContain(secret!.slice(0, 10));

    const [verified] = await database.db.select().from(credentials).where(eq(credentials.id, started.credentialId));
    expect(verified).toMatchObject({ lastUsedStep: S0 });
    expect(verified!.verifiedAt).not.toBeNull();
    expect((await newestMail(p.email, "mfa-totp-added"))?.subject).toContain("Two-step verification is on");
    expect(await auditActions(p.user.id)).toEqual(expect.arrayContaining(["mfa.totp_enrolment_started", "mfa.factor_added", "mfa.recovery_codes_generated"]));

    // A second authenticator needs the first removed.
    const again = await serviceErrorOf(startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken, now: after(30) }));
    expect(again.code).toBe("conflict");
  });

  it("needs a recent sign-in to start, and is off where the tenant offers no second factor", async () => {
    const p = await person();
    const { sessionToken } = expectSignedIn(await passwordSignIn(p, T0));
    const stale = await serviceErrorOf(startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken, now: after(301) }));
    expect(stale.code).toBe("reauthentication_required");
    await setPolicy({ mode: "off" });
    expect((await serviceErrorOf(startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken, now: T0 }))).code).toBe("forbidden");
  });
});

describe("TOTP at sign-in (the clock is the test's)", () => {
  it("asks for the second factor instead of starting a session", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const before = await sessionCount(p.user.id);
    const pending = expectStatus(await passwordSignIn(p, after(60)), "mfa_required");
    expect(pending.factors).toEqual(["totp", "recovery_code"]);
    expect(pending.challengeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.expiresAt).toEqual(after(60 + 600));
    expect(await sessionCount(p.user.id)).toBe(before);
    const [row] = await database.db.select().from(mfaChallenges).where(eq(mfaChallenges.userId, p.user.id));
    expect(row!.tokenHash).not.toBe(pending.challengeToken);
    expect(row!.amr).toEqual(["pwd"]);

    const now = after(60);
    const done = await completeMfaChallenge(database.db, deps, p.ctx, {
      tenantSlug,
      challengeToken: pending.challengeToken,
      method: "totp",
      code: totpCode(secret, totpStep(now)),
      now,
    });
    expect(done.session).toMatchObject({ amr: ["pwd", "otp", "mfa"], acr: ACR.multiFactor });
    expect((await resolveSession(database.db, tenantId, done.sessionToken))?.user.id).toBe(p.user.id);
    // The pending sign-in is spent.
    const reuse = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: totpCode(secret, totpStep(now) + 1), now }),
    );
    expect(reuse.code).toBe("unauthorized");
  });

  it("accepts a code one step early, on time or one step late, each step once, and never two steps late", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const attempt = async (code: string, now: Date) => {
      const pending = expectStatus(await passwordSignIn(p, now), "mfa_required");
      return completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code, now }).then(
        () => "accepted",
        (e: ServiceError) => e.code,
      );
    };
    // Enrolled at step S0 (that code is spent). At S0+10: the previous step's code is accepted.
    expect(await attempt(totpCode(secret, S0 + 9), after(300))).toBe("accepted");
    // The same code again: its step is spent.
    expect(await attempt(totpCode(secret, S0 + 9), after(300))).toBe("invalid_verification");
    // The current step's code.
    expect(await attempt(totpCode(secret, S0 + 10), after(301))).toBe("accepted");
    // Next step's code (a fast clock on the phone).
    expect(await attempt(totpCode(secret, S0 + 11), after(302))).toBe("accepted");
    // A code two steps old, never used: refused.
    expect(await attempt(totpCode(secret, S0 + 18), after(600))).toBe("invalid_verification");
    // An older step than the newest one spent, though inside the window: refused as a replay.
    expect(await attempt(totpCode(secret, S0 + 20), after(600))).toBe("accepted");
    expect(await attempt(totpCode(secret, S0 + 19), after(600))).toBe("invalid_verification");
  });

  it("does not take the code that confirmed the enrolment a second time", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const pending = expectStatus(await passwordSignIn(p, T0), "mfa_required");
    const refused = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: totpCode(secret, S0), now: T0 }),
    );
    expect(refused.code).toBe("invalid_verification");
    // The next step's code still works for this pending sign-in.
    const done = await completeMfaChallenge(database.db, deps, p.ctx, {
      tenantSlug,
      challengeToken: pending.challengeToken,
      method: "totp",
      code: totpCode(secret, S0 + 1),
      now: T0,
    });
    expect(done.status).toBe("signed_in");
  });

  it("lets exactly one of two concurrent uses of one code win", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const now = after(900);
    const code = totpCode(secret, totpStep(now));
    // The compare-and-set itself, from two connections at once (PostgreSQL runs them in parallel).
    const direct = await Promise.all([0, 1, 2, 3].map(() => verifyTotp(database.db, runtime.config.secret, { tenantId, userId: p.user.id, code, now })));
    expect(direct.filter(Boolean)).toHaveLength(1);

    // Whole sign-ins: two pending sign-ins completed at once with one (fresh) code.
    const later = after(960);
    const fresh = totpCode(secret, totpStep(later));
    const one = expectStatus(await passwordSignIn(p, later), "mfa_required");
    const two = expectStatus(await passwordSignIn(p, later), "mfa_required");
    const results = await Promise.allSettled(
      [one, two].map((pending) =>
        completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: fresh, now: later }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "invalid_verification" });
  });

  it("ends a pending sign-in after five wrong codes, even with the right code next", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const now = after(1200);
    const pending = expectStatus(await passwordSignIn(p, now), "mfa_required");
    const right = totpCode(secret, totpStep(now));
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < MAX_MFA_ATTEMPTS; i++) {
      const error = await serviceErrorOf(completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: wrong, now }));
      expect(error.code).toBe("invalid_verification");
    }
    const dead = await serviceErrorOf(completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: right, now }));
    expect(dead.code).toBe("unauthorized");
    expect(await describeMfaChallenge(database.db, { tenantId, challengeToken: pending.challengeToken, now })).toBeUndefined();
    expect((await auditActions(p.user.id)).filter((a) => a === "user.mfa_failed")).toHaveLength(MAX_MFA_ATTEMPTS);
  });

  it("expires a pending sign-in after 10 minutes, and answers an unknown one the same way", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const pending = expectStatus(await passwordSignIn(p, after(1500)), "mfa_required");
    const late = after(1500 + 601);
    const expired = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: totpCode(secret, totpStep(late)), now: late }),
    );
    const unknown = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: "x".repeat(43), method: "totp", code: "123456", now: late }),
    );
    expect({ code: expired.code, message: expired.message }).toEqual({ code: unknown.code, message: unknown.message });
    expect(expired.code).toBe("unauthorized");
  });

  it("limits second-factor guesses per account across pending sign-ins", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const now = after(1800);
    const wrong = totpCode(secret, totpStep(now)) === "000000" ? "111111" : "000000";
    let last: unknown;
    for (let i = 0; i < 11; i++) {
      const pending = expectStatus(await passwordSignIn(p, now), "mfa_required");
      // A new client address every time: the account's own allowance is what runs out.
      const ctx = { actor: { type: "user" }, ipAddress: `198.18.0.${i}` } as RequestContext;
      last = await completeMfaChallenge(database.db, deps, ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "totp", code: wrong, now }).catch(
        (e: unknown) => e,
      );
    }
    expect(last).toBeInstanceOf(RateLimitedError);
  });

  it("asks for it after an emailed first factor too, with amr otp + mfa", async () => {
    const p = await person();
    const { secret } = await withAuthenticator(p);
    await requestEmailSignIn(database.db, deps, p.ctx, { tenantSlug, email: p.email });
    const code = /\b(\d{6})\b/.exec((await newestMail(p.email, "email-sign-in"))!.text)![1]!;
    const now = after(2100);
    const pending = expectStatus(await completeEmailSignIn(database.db, deps, p.ctx, { tenantSlug, email: p.email, code, now }), "mfa_required");
    // An emailed code is never offered as the second step of an emailed first step.
    await setPolicy({ allowEmailCode: true });
    expect((await describeMfaChallenge(database.db, { tenantId, challengeToken: pending.challengeToken, now }))?.methods).toEqual(["totp", "recovery_code"]);
    const done = await completeMfaChallenge(database.db, deps, p.ctx, {
      tenantSlug,
      challengeToken: pending.challengeToken,
      method: "totp",
      code: totpCode(secret, totpStep(now)),
      now,
    });
    expect(done.session).toMatchObject({ amr: ["otp", "mfa"], acr: ACR.multiFactor });
  });
});

describe("recovery codes", () => {
  it("signs in once per code, tells the owner, and can be replaced after a recent sign-in", async () => {
    const p = await person();
    const { recoveryCodes } = await withAuthenticator(p);
    const code = recoveryCodes[3]!;
    const first = expectStatus(await passwordSignIn(p), "mfa_required");
    const done = await completeMfaChallenge(database.db, deps, p.ctx, {
      tenantSlug,
      challengeToken: first.challengeToken,
      method: "recovery_code",
      code: code.toLowerCase().replace("-", " "),
    });
    expect(done.session).toMatchObject({ amr: ["pwd", "otp", "mfa"], acr: ACR.multiFactor });
    expect((await newestMail(p.email, "mfa-recovery-code-used"))?.text).toContain("You have 9 left");
    expect((await listFactors(database.db, { tenantId, userId: p.user.id })).recoveryCodes).toBe(9);

    const second = expectStatus(await passwordSignIn(p), "mfa_required");
    const reused = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: second.challengeToken, method: "recovery_code", code }),
    );
    expect(reused.code).toBe("invalid_verification");

    // New codes replace every old one; the session must be recent.
    const stale = await serviceErrorOf(
      regenerateRecoveryCodes(database.db, deps, p.ctx, { tenantId, userId: p.user.id, session: done.session, now: new Date(Date.now() + 301_000) }),
    );
    expect(stale.code).toBe("reauthentication_required");
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(database.db, deps, p.ctx, { tenantId, userId: p.user.id, session: done.session });
    expect(fresh).toHaveLength(RECOVERY_CODE_COUNT);
    const old = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: second.challengeToken, method: "recovery_code", code: recoveryCodes[5]! }),
    );
    expect(old.code).toBe("invalid_verification");
    await completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: second.challengeToken, method: "recovery_code", code: fresh[0]! });
    expect((await newestMail(p.email, "mfa-recovery-codes-replaced"))?.subject).toContain("New recovery codes");
  });
});

describe("an emailed code as the fallback second factor", () => {
  it("is offered after a password only where the tenant allows it, and completes the sign-in over real SMTP", async () => {
    const p = await person();
    await withAuthenticator(p);
    const refused = expectStatus(await passwordSignIn(p), "mfa_required");
    expect(refused.factors).not.toContain("email_code");
    expect((await serviceErrorOf(sendMfaEmailCode(database.db, deps, p.ctx, { tenantSlug, challengeToken: refused.challengeToken }))).code).toBe("forbidden");

    await setPolicy({ allowEmailCode: true });
    const pending = expectStatus(await passwordSignIn(p), "mfa_required");
    expect(pending.factors).toEqual(["totp", "recovery_code", "email_code"]);
    const smtpDeps = { ...deps, mailer: smtpMailer };
    const mark = catcher.messages.length;
    await sendMfaEmailCode(database.db, smtpDeps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken });
    const mail = await catcher.waitFor((m) => catcher.messages.indexOf(m) >= mark && m.to === p.email);
    expect(mail.subject).toMatch(/^Your MFA Tests verification code: \d{6}$/);
    const code = /\b(\d{6})\b/.exec(mail.text!)![1]!;
    const done = await completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, method: "email_code", code });
    expect(done.session).toMatchObject({ amr: ["pwd", "otp", "mfa"], acr: ACR.multiFactor });
  });
});

describe("a tenant that requires a second factor", () => {
  it("holds back a user without one until they set one up, then signs them in with 2fa", async () => {
    await setPolicy({ mode: "required", gracePeriodDays: 0 });
    const p = await person();
    const before = await sessionCount(p.user.id);
    const held = expectStatus(await passwordSignIn(p, T0), "mfa_enrolment_required");
    expect(held.factors).toEqual(["totp"]);
    expect(await sessionCount(p.user.id)).toBe(before);
    // The token completes nothing by a code: there is no factor yet.
    expect(
      (await serviceErrorOf(completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: held.challengeToken, method: "totp", code: "123456", now: T0 }))).code,
    ).toBe("forbidden");

    const started = await startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, challengeToken: held.challengeToken, now: T0 });
    const wrong = totpCode(started.secret, S0 + 7);
    expect(
      (await serviceErrorOf(confirmTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, challengeToken: held.challengeToken, code: wrong, now: T0 }))).code,
    ).toBe("invalid_verification");
    expect(await sessionCount(p.user.id)).toBe(before);

    const confirmed = await confirmTotpEnrolment(database.db, deps, p.ctx, {
      tenantSlug,
      challengeToken: held.challengeToken,
      code: totpCode(started.secret, S0),
      now: T0,
    });
    expect(confirmed.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(confirmed.signIn?.session).toMatchObject({ amr: ["pwd", "otp", "mfa"], acr: ACR.multiFactor });
    expect(await resolveSession(database.db, tenantId, confirmed.signIn!.sessionToken)).toBeDefined();
    // Spent: the token neither enrols nor signs in again.
    expect((await serviceErrorOf(startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, challengeToken: held.challengeToken, now: T0 }))).code).toBe("unauthorized");

    // Next time: the usual second step.
    expect((await passwordSignIn(p, after(60))).status).toBe("mfa_required");
  });

  it("never lets a pending sign-in add a factor to an account that has one", async () => {
    const p = await person();
    await withAuthenticator(p);
    await setPolicy({ mode: "required" });
    const pending = expectStatus(await passwordSignIn(p, after(60)), "mfa_required");
    const refused = await serviceErrorOf(startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, challengeToken: pending.challengeToken, now: after(60) }));
    expect(refused.code).toBe("forbidden");
  });

  it("signs in during the grace period and says by when to set one up", async () => {
    await setPolicy({ mode: "required", gracePeriodDays: 7 });
    const p = await person();
    const soon = new Date(p.user.createdAt.getTime() + 86_400_000);
    const signedIn = expectSignedIn(await passwordSignIn(p, soon));
    expect(signedIn.mfa).toEqual({ enrolmentDueBy: new Date(p.user.createdAt.getTime() + 7 * 86_400_000) });
    expect(signedIn.session.acr).toBeNull();
    const late = new Date(p.user.createdAt.getTime() + 8 * 86_400_000);
    expect((await passwordSignIn(p, late)).status).toBe("mfa_enrolment_required");
  });
});

describe("an organization that requires a second factor", () => {
  async function organization(settings: Record<string, unknown>, members: string[], joinedAt: Date) {
    const [org] = await database.db
      .insert(organizations)
      .values({ tenantId, name: `Org ${++counter}`, slug: `org-${counter}`, settings })
      .returning();
    const [member] = await database.db.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.key, "member")));
    for (const userId of members) {
      await database.db.insert(memberships).values({ tenantId, organizationId: org!.id, userId, roleId: member!.id, createdAt: joinedAt });
    }
    return org!;
  }

  it("binds its members, not the tenant's other users, with a grace period from when they joined", async () => {
    const inside = await person();
    const outside = await person();
    const joined = new Date(inside.user.createdAt.getTime() + 10 * 86_400_000);
    await organization({ mfaPolicy: { mode: "required", gracePeriodDays: 3 } }, [inside.user.id], joined);

    // Before joining plus grace: signs in, told by when; the non-member is not asked at all.
    const during = expectSignedIn(await passwordSignIn(inside, new Date(joined.getTime() + 86_400_000)));
    expect(during.mfa).toEqual({ enrolmentDueBy: new Date(joined.getTime() + 3 * 86_400_000) });
    const free = expectSignedIn(await passwordSignIn(outside, new Date(joined.getTime() + 5 * 86_400_000)));
    expect(free.mfa).toBeUndefined();
    // After it: held back until a factor is set up.
    expect((await passwordSignIn(inside, new Date(joined.getTime() + 4 * 86_400_000))).status).toBe("mfa_enrolment_required");
  });

  it("is stricter than its tenant: enrolment is offered even where the tenant has second factors off", async () => {
    await setPolicy({ mode: "off" });
    const p = await person();
    await organization({ mfaPolicy: { mode: "required" } }, [p.user.id], p.user.createdAt);
    const held = expectStatus(await passwordSignIn(p, T0), "mfa_enrolment_required");
    const started = await startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, challengeToken: held.challengeToken, now: T0 });
    const confirmed = await confirmTotpEnrolment(database.db, deps, p.ctx, {
      tenantSlug,
      challengeToken: held.challengeToken,
      code: totpCode(started.secret, S0),
      now: T0,
    });
    expect(confirmed.signIn?.session.acr).toBe(ACR.multiFactor);
  });

  it("does not loosen a tenant that requires one", async () => {
    await setPolicy({ mode: "required", gracePeriodDays: 0 });
    const p = await person();
    await organization({ mfaPolicy: { mode: "optional" } }, [p.user.id], p.user.createdAt);
    expect((await passwordSignIn(p, T0)).status).toBe("mfa_enrolment_required");
  });
});

describe("password reset", () => {
  it("never skips the second factor: the new password still meets it", async () => {
    const p = await person();
    await withAuthenticator(p);
    const pendingBefore = expectStatus(await passwordSignIn(p), "mfa_required");
    await requestPasswordReset(database.db, deps, p.ctx, { tenantSlug, email: p.email });
    const token = /token=([A-Za-z0-9_-]+)/.exec((await newestMail(p.email, "reset-password"))!.text)![1]!;
    expect(await resetPassword(database.db, deps, p.ctx, { tenantSlug, token, password: "a brand new passphrase here" })).toEqual({ status: "password_reset" });
    // The sign-in begun with the old password is over.
    expect(await describeMfaChallenge(database.db, { tenantId, challengeToken: pendingBefore.challengeToken })).toBeUndefined();

    const before = await sessionCount(p.user.id);
    const after = await signInWithPassword(database.db, deps, p.ctx, { tenantSlug, email: p.email, password: "a brand new passphrase here" });
    expect(after.status).toBe("mfa_required");
    expect(await sessionCount(p.user.id)).toBe(before);
  });
});

describe("step-up and recent sign-in", () => {
  it("raises a session to 2fa with a new token, which then counts as a recent sign-in", async () => {
    const p = await person();
    const { secret, sessionToken, credentialId } = await withAuthenticator(p);
    const later = after(3600);
    // An hour on, removing the authenticator needs a fresh proof.
    const live = (await resolveSession(database.db, tenantId, sessionToken, later))!;
    const stale = await serviceErrorOf(removeFactor(database.db, deps, p.ctx, { tenantId, userId: p.user.id, session: live.session, factorId: credentialId, now: later }));
    expect(stale.code).toBe("reauthentication_required");

    const raised = await stepUpSession(database.db, deps, p.ctx, { tenantSlug, sessionToken, method: "totp", code: totpCode(secret, totpStep(later)), now: later });
    expect(raised.session.id).toBe(live.session.id);
    expect(raised.session).toMatchObject({ acr: ACR.multiFactor, amr: ["pwd", "otp", "mfa"], authTime: later });
    expect(raised.sessionToken).not.toBe(sessionToken);
    expect(await resolveSession(database.db, tenantId, sessionToken, later)).toBeUndefined();
    expect((await resolveSession(database.db, tenantId, raised.sessionToken, later))?.session.acr).toBe(ACR.multiFactor);

    expect(await removeFactor(database.db, deps, p.ctx, { tenantId, userId: p.user.id, session: raised.session, factorId: credentialId, now: later })).toEqual({
      status: "removed",
    });
    const left = await listFactors(database.db, { tenantId, userId: p.user.id });
    expect(left).toMatchObject({ factors: [], any: false, recoveryCodes: 0 });
    expect((await newestMail(p.email, "mfa-totp-removed"))?.text).toContain("recovery codes were removed too");
    expect(await auditActions(p.user.id)).toEqual(expect.arrayContaining(["session.stepped_up", "mfa.factor_removed"]));
    // Without a factor, sign-in is one step again.
    expect((await passwordSignIn(p)).status).toBe("signed_in");
  });

  it("takes a mailed code where the tenant allows it after a password, once", async () => {
    const p = await person();
    const { sessionToken } = await withAuthenticator(p);
    const later = after(3600);
    const refused = await serviceErrorOf(sendStepUpEmailCode(database.db, deps, p.ctx, { tenantSlug, sessionToken, now: later }));
    expect(refused.code).toBe("forbidden");
    expect((await serviceErrorOf(stepUpSession(database.db, deps, p.ctx, { tenantSlug, sessionToken, method: "email_code", code: "123456", now: later }))).code).toBe(
      "conflict",
    );

    await setPolicy({ allowEmailCode: true });
    await sendStepUpEmailCode(database.db, deps, p.ctx, { tenantSlug, sessionToken, now: later });
    const code = /\b(\d{6})\b/.exec((await newestMail(p.email, "mfa-email-code"))!.text)![1]!;
    const raised = await stepUpSession(database.db, deps, p.ctx, { tenantSlug, sessionToken, method: "email_code", code, now: later });
    expect(raised.session).toMatchObject({ acr: ACR.multiFactor, amr: ["pwd", "otp", "mfa"], authTime: later });
    // Spent: the same code does not raise the session again.
    const again = await serviceErrorOf(stepUpSession(database.db, deps, p.ctx, { tenantSlug, sessionToken: raised.sessionToken, method: "email_code", code, now: later }));
    expect(again.code).toBe("invalid_verification");
  });

  it("refuses a wrong step-up code and keeps the session as it was", async () => {
    const p = await person();
    const { secret, sessionToken } = await withAuthenticator(p);
    const later = after(4000);
    const wrong = totpCode(secret, totpStep(later) + 5);
    expect((await serviceErrorOf(stepUpSession(database.db, deps, p.ctx, { tenantSlug, sessionToken, method: "totp", code: wrong, now: later }))).code).toBe(
      "invalid_verification",
    );
    expect((await resolveSession(database.db, tenantId, sessionToken, later))?.session.acr).toBeNull();
  });
});

describe("completing with a factor checked elsewhere (the passkey flow)", () => {
  it("completes the pending sign-in of its user once, and counts refusals", async () => {
    const p = await person();
    await withAuthenticator(p);
    const other = await person();
    const pending = expectStatus(await passwordSignIn(p), "mfa_required");
    const described = await describeMfaChallenge(database.db, { tenantId, challengeToken: pending.challengeToken });
    expect(described).toMatchObject({ userId: p.user.id, amr: ["pwd"], methods: ["totp", "recovery_code"] });

    expect(await recordMfaChallengeFailure(database.db, p.ctx, { tenantId, challengeToken: pending.challengeToken })).toBe(MAX_MFA_ATTEMPTS - 1);
    const wrongUser = await serviceErrorOf(
      completeMfaChallengeWith(database.db, p.ctx, { tenantId, challengeToken: pending.challengeToken, userId: other.user.id, amr: ["hwk", "user"] }),
    );
    expect(wrongUser.code).toBe("unauthorized");
    const done = await completeMfaChallengeWith(database.db, p.ctx, { tenantId, challengeToken: pending.challengeToken, userId: p.user.id, amr: ["hwk", "user"] });
    expect(done.session).toMatchObject({ amr: ["pwd", "hwk", "user", "mfa"], acr: ACR.multiFactor });
    await expect(
      completeMfaChallengeWith(database.db, p.ctx, { tenantId, challengeToken: pending.challengeToken, userId: p.user.id, amr: ["hwk"] }),
    ).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("an administrator's reset", () => {
  it("removes the authenticator and recovery codes, ends every session and pending sign-in, audits, and tells the user over SMTP", async () => {
    const p = await person();
    const { sessionToken } = await withAuthenticator(p);
    const pending = expectStatus(await passwordSignIn(p), "mfa_required");
    const admin: RequestContext = { actor: { type: "admin", id: "usr_admin" }, ipAddress: "192.0.2.250" };
    const mark = catcher.messages.length;
    const result = await resetSecondFactors(database.db, { ...deps, mailer: smtpMailer }, admin, { tenantId, userId: p.user.id });
    expect(result).toEqual({ status: "reset", removed: { totp: 1, recoveryCodes: RECOVERY_CODE_COUNT } });

    const left = await database.db.select().from(credentials).where(eq(credentials.userId, p.user.id));
    expect(left.map((c) => c.type)).toEqual(["password"]);
    expect(await resolveSession(database.db, tenantId, sessionToken)).toBeUndefined();
    expect(await describeMfaChallenge(database.db, { tenantId, challengeToken: pending.challengeToken })).toBeUndefined();

    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "mfa.factors_reset"), eq(auditEvents.targetId, p.user.id)));
    expect(event).toMatchObject({ actorType: "admin", actorId: "usr_admin", data: { totp: 1, recoveryCodes: RECOVERY_CODE_COUNT } });
    const mail = await catcher.waitFor((m) => catcher.messages.indexOf(m) >= mark && m.to === p.email);
    expect(mail.subject).toBe("Two-step verification was reset for your MFA Tests account");
    expect(mail.text).toContain("signed you out everywhere");

    // Sign-in is a single step again (the tenant does not require a second factor).
    expect((await passwordSignIn(p)).status).toBe("signed_in");
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ ok: true });
  });
});

describe("tenants", () => {
  it("keeps pending sign-ins inside their tenant", async () => {
    const other = await createTenant(database.db, { actor: { type: "system" } }, { slug: "mfa-other", name: "Other" });
    const p = await person();
    const { secret } = await withAuthenticator(p);
    const pending = expectStatus(await passwordSignIn(p), "mfa_required");
    const now = new Date();
    const elsewhere = await serviceErrorOf(
      completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug: "mfa-other", challengeToken: pending.challengeToken, method: "totp", code: totpCode(secret, totpStep(now)), now }),
    );
    expect(elsewhere.code).toBe("unauthorized");
    expect(await describeMfaChallenge(database.db, { tenantId: other.id, challengeToken: pending.challengeToken })).toBeUndefined();
    expect(await findUserByEmail(database.db, other.id, p.email)).toBeUndefined();
  });
});
