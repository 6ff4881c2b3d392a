/**
 * The second step of signing in. A first factor (password, emailed link or code) that succeeds
 * hands over to `afterFirstFactor`, inside its own transaction. When the user has a second factor
 * (or the tenant requires one) no session starts: the answer is a pending sign-in (an mfa_challenges
 * row) that `completeMfaChallenge` completes with an authenticator code, a recovery code or an
 * emailed code, or that the passkey flow completes with `completeMfaChallengeWith`. The session it
 * then starts has amr = the first factor's + the second's + `mfa` (RFC 8176) and acr
 * `urn:plinto:acr:2fa`. `stepUpSession` raises a live single-factor session the same way.
 *
 * Failures look alike: an unknown, expired, spent or exhausted pending sign-in is `unauthorized`
 * ("sign in again"), any wrong code `invalid_verification`. Codes are limited per client address
 * (as every mailed proof) and per account (limits.mfaPerAccount*), and a pending sign-in dies after
 * five wrong codes.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Executor } from "@plinto/db";
import { sessions, tenants, type users } from "@plinto/db/schema";
import { hashToken, randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import { enforce, enforceMailLimits, enforceProofLimit, limits, mfaAccountKey, requireTenant, send, where, type AuthDeps } from "../auth/support";
import { consumeCode, issueVerification } from "../auth/verifications";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { ACR } from "../oidc/claims";
import { createSession, resolveSession } from "../sessions/sessions";
import { findUserById } from "../users/users";
import { consumeChallenge, createChallenge, findLiveChallenge, recordChallengeFailure, type MfaChallenge } from "./challenges";
import { combinedAmr, offeredMethods, secondFactorsOf, type MfaMethod } from "./factors";
import { mfaEmailCodeMessage, recoveryCodeUsedMessage } from "./messages";
import { readMfaPolicy } from "./policy";
import { userMfaPolicy } from "./user-policy";
import { remainingRecoveryCodes, spendRecoveryCode } from "./recovery-codes";
import { verifyTotp } from "./totp";

type User = typeof users.$inferSelect;
type Session = typeof sessions.$inferSelect;

/** A sign-in that started a session. `mfa.enrolmentDueBy`: the tenant requires a second factor, set one up by then. */
export interface SignedIn {
  status: "signed_in";
  user: User;
  session: Session;
  sessionToken: string;
  mfa?: { enrolmentDueBy: Date };
}

/** The first factor passed; a second is needed. No session exists yet. */
export interface MfaRequired {
  status: "mfa_required";
  challengeToken: string;
  /** The methods that can complete it, in the order to offer them. */
  factors: MfaMethod[];
  expiresAt: Date;
}

/** The first factor passed; the tenant requires a second factor and the user has none: set one up first. */
export interface MfaEnrolmentRequired {
  status: "mfa_enrolment_required";
  challengeToken: string;
  /** What can be set up with the challenge token (`POST factors/totp`). */
  factors: Array<"totp">;
  expiresAt: Date;
}

export type SignInOutcome = SignedIn | MfaRequired | MfaEnrolmentRequired;

/** The methods a code can complete a pending sign-in with (a passkey goes through `completeMfaChallengeWith`). */
export type MfaCodeMethod = Exclude<MfaMethod, "passkey">;

/** RFC 8176 methods each second factor adds. A recovery code is a one-time password too (a look-up secret). */
const AMR_OF: Record<MfaCodeMethod, string[]> = { totp: ["otp"], recovery_code: ["otp"], email_code: ["otp"] };

export const challengeGone = () =>
  new ServiceError("unauthorized", "This sign-in has expired or is already complete; sign in again");
export const wrongCode = () => new ServiceError("invalid_verification", "That code is not right; check it and try again");


/** Second-factor attempts on one account, whichever sign-in or step-up they come from. */
async function enforceAccountLimits(deps: AuthDeps, tenantId: string, userId: string) {
  await enforce(deps.limiter, mfaAccountKey(tenantId, userId), limits.mfaPerAccountDaily);
  await enforce(deps.limiter, mfaAccountKey(tenantId, userId), limits.mfaPerAccount);
}

async function tenantById(db: Executor, tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

/**
 * What follows a first factor that succeeded, in its transaction: a session when no second factor
 * applies, otherwise a pending sign-in. The user is active and their address confirmed.
 */
export async function afterFirstFactor(
  tx: Executor,
  ctx: RequestContext,
  input: { tenant: { id: string; settings: unknown }; user: User; amr: string[]; now?: Date },
): Promise<Exclude<SignInOutcome, SignedIn> | Omit<SignedIn, "user">> {
  const now = input.now ?? new Date();
  const { tenant, user } = input;
  const actor: RequestContext = { ...ctx, actor: { type: "user", id: user.id } };
  const policy = await userMfaPolicy(tx, { tenant, user, now });
  const factors = await secondFactorsOf(tx, tenant.id, user.id);

  if (factors.any) {
    const methods = offeredMethods(factors, { firstFactorAmr: input.amr, allowEmailCode: policy.allowEmailCode });
    const { challenge, token } = await createChallenge(tx, { tenantId: tenant.id, userId: user.id, amr: input.amr, now });
    await recordAuditEvent(tx, actor, {
      tenantId: tenant.id,
      action: "user.mfa_challenged",
      targetType: "user",
      targetId: user.id,
      data: { amr: input.amr, methods, challengeId: challenge.id },
    });
    return { status: "mfa_required", challengeToken: token, factors: methods, expiresAt: challenge.expiresAt };
  }

  const requirement = policy.requirement;
  if (requirement.kind === "required") {
    const { challenge, token } = await createChallenge(tx, { tenantId: tenant.id, userId: user.id, amr: input.amr, now });
    await recordAuditEvent(tx, actor, {
      tenantId: tenant.id,
      action: "user.mfa_enrolment_required",
      targetType: "user",
      targetId: user.id,
      data: { amr: input.amr, challengeId: challenge.id },
    });
    return { status: "mfa_enrolment_required", challengeToken: token, factors: ["totp"], expiresAt: challenge.expiresAt };
  }

  const started = await createSession(tx, actor, { tenantId: tenant.id, userId: user.id, amr: input.amr, now });
  return {
    status: "signed_in",
    session: started.session,
    sessionToken: started.token,
    ...(requirement.kind === "due" ? { mfa: { enrolmentDueBy: requirement.dueBy } } : {}),
  };
}

/**
 * Spends a pending sign-in and starts its session (amr combined, acr 2fa), in the caller's
 * transaction. Undefined when the challenge was spent meanwhile or its user can no longer sign in.
 */
export async function finishChallenge(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; challenge: MfaChallenge; amr: string[]; method: MfaMethod; now: Date },
): Promise<SignedIn | undefined> {
  if (!(await consumeChallenge(tx, { tenantId: input.tenantId, challengeId: input.challenge.id, now: input.now }))) return undefined;
  const user = await findUserById(tx, input.tenantId, input.challenge.userId);
  if (!user || user.status !== "active") return undefined;
  const actor: RequestContext = { ...ctx, actor: { type: "user", id: user.id } };
  const amr = combinedAmr(input.challenge.amr, input.amr);
  await recordAuditEvent(tx, actor, {
    tenantId: input.tenantId,
    action: "user.mfa_verified",
    targetType: "user",
    targetId: user.id,
    data: { method: input.method, challengeId: input.challenge.id },
  });
  const started = await createSession(tx, actor, { tenantId: input.tenantId, userId: user.id, amr, acr: ACR.multiFactor, now: input.now });
  // Read again: the session set lastSignInAt.
  const current = await findUserById(tx, input.tenantId, user.id);
  return { status: "signed_in", user: current!, session: started.session, sessionToken: started.token };
}

/** Counts a wrong answer against a pending sign-in, with its audit event; returns the attempts left. */
async function failChallenge(db: Db, ctx: RequestContext, input: { tenantId: string; challenge: MfaChallenge; method: MfaMethod; now: Date }) {
  return db.transaction(async (tx) => {
    const left = await recordChallengeFailure(tx, { tenantId: input.tenantId, challengeId: input.challenge.id, now: input.now });
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: input.challenge.userId } }, {
      tenantId: input.tenantId,
      action: "user.mfa_failed",
      targetType: "user",
      targetId: input.challenge.userId,
      data: { method: input.method, challengeId: input.challenge.id, attemptsLeft: left },
    });
    return left;
  });
}

/**
 * Checks a second-factor code and spends what it used (the TOTP step, the recovery code, the
 * emailed code), in the caller's transaction. Undefined when it does not match. A wrong emailed
 * code counts against that code (verifications.ts), so the caller commits even on failure.
 */
async function proveWithCode(
  tx: Executor,
  deps: AuthDeps,
  input: { tenantId: string; userId: string; method: MfaCodeMethod; code: string; now: Date },
): Promise<string[] | undefined> {
  const secret = deps.config.secret;
  switch (input.method) {
    case "totp":
      return (await verifyTotp(tx, secret, input)) ? AMR_OF.totp : undefined;
    case "recovery_code":
      return (await spendRecoveryCode(tx, secret, input)) ? AMR_OF.recovery_code : undefined;
    case "email_code": {
      const proof = await consumeCode(tx, { tenantId: input.tenantId, userId: input.userId, purpose: "email_code", code: input.code, secret, now: input.now });
      return proof ? AMR_OF.email_code : undefined;
    }
  }
}

/** After a recovery code signed someone in: its owner is told, with how many are left. */
async function tellRecoveryCodeUsed(db: Db, deps: AuthDeps, tenant: Parameters<typeof where>[1] & { id: string }, user: User, now: Date) {
  const remaining = await remainingRecoveryCodes(db, tenant.id, user.id);
  await send(deps, tenant.id, user.email, recoveryCodeUsedMessage(where(deps, tenant), now, remaining));
}

/**
 * Completes a pending sign-in with a code: from the authenticator app, a recovery code, or the
 * code `sendMfaEmailCode` mailed. Starts the session, or refuses.
 */
export async function completeMfaChallenge(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; challengeToken: string; method: MfaCodeMethod; code: string; now?: Date },
): Promise<SignedIn> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceProofLimit(deps, ctx, tenant.id);
  const challenge = await findLiveChallenge(db, { tenantId: tenant.id, token: input.challengeToken, now });
  if (!challenge) throw challengeGone();
  await enforceAccountLimits(deps, tenant.id, challenge.userId);

  const factors = await secondFactorsOf(db, tenant.id, challenge.userId);
  if (!factors.any) throw new ServiceError("forbidden", "Set up an authenticator app to finish signing in");
  const methods = offeredMethods(factors, { firstFactorAmr: challenge.amr, allowEmailCode: readMfaPolicy(tenant.settings).allowEmailCode });
  if (!methods.includes(input.method)) {
    throw new ServiceError("validation_failed", "That way of confirming is not available for this sign-in", [
      { path: "method", message: `Use one of: ${methods.join(", ")}` },
    ]);
  }

  const signedIn = await db.transaction(async (tx) => {
    const amr = await proveWithCode(tx, deps, { tenantId: tenant.id, userId: challenge.userId, method: input.method, code: input.code, now });
    if (!amr) return undefined;
    return (await finishChallenge(tx, ctx, { tenantId: tenant.id, challenge, amr, method: input.method, now })) ?? null;
  });
  if (signedIn === null) throw challengeGone();
  if (!signedIn) {
    await failChallenge(db, ctx, { tenantId: tenant.id, challenge, method: input.method, now });
    throw wrongCode();
  }
  await deps.limiter.reset(mfaAccountKey(tenant.id, challenge.userId), limits.mfaPerAccount);
  if (input.method === "recovery_code") await tellRecoveryCodeUsed(db, deps, tenant, signedIn.user, now);
  return signedIn;
}

/** Mails a code that completes a pending sign-in, where the tenant allows it (after a password). */
export async function sendMfaEmailCode(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; challengeToken: string; now?: Date },
): Promise<{ status: "email_code_sent"; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  const challenge = await findLiveChallenge(db, { tenantId: tenant.id, token: input.challengeToken, now });
  if (!challenge) throw challengeGone();
  const factors = await secondFactorsOf(db, tenant.id, challenge.userId);
  const methods = offeredMethods(factors, { firstFactorAmr: challenge.amr, allowEmailCode: readMfaPolicy(tenant.settings).allowEmailCode });
  if (!methods.includes("email_code")) throw new ServiceError("forbidden", "A code by email is not available for this sign-in");
  const user = await findUserById(db, tenant.id, challenge.userId);
  if (!user || user.status !== "active") throw challengeGone();
  return mailEmailCode(db, deps, ctx, { tenant, user, now });
}

/** Issues and mails a second-factor code to the user's address (single use, 10 minutes). */
async function mailEmailCode(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenant: Parameters<typeof where>[1] & { id: string }; user: { id: string; email: string }; now: Date },
): Promise<{ status: "email_code_sent"; expiresAt: Date }> {
  const { tenant, user, now } = input;
  await enforceMailLimits(deps, ctx, tenant.id, user.email);
  const proof = await db.transaction((tx) =>
    issueVerification(tx, { tenantId: tenant.id, userId: user.id, email: user.email, purpose: "email_code", secret: deps.config.secret, withCode: true, now }),
  );
  await send(deps, tenant.id, user.email, mfaEmailCodeMessage(where(deps, tenant), proof.code!));
  return { status: "email_code_sent", expiresAt: proof.expiresAt };
}

/** What a pending sign-in is, for a page or another flow (the passkey one) to offer its methods. */
export interface PendingMfaSignIn {
  challengeId: string;
  userId: string;
  /** The first factor's methods. */
  amr: string[];
  /** Empty when the user has no second factor yet and must set one up (`mfa_enrolment_required`). */
  methods: MfaMethod[];
  expiresAt: Date;
}

/** The live pending sign-in a token names, or undefined. Reads only; spends and counts nothing. */
export async function describeMfaChallenge(
  db: Executor,
  input: { tenantId: string; challengeToken: string; now?: Date },
): Promise<PendingMfaSignIn | undefined> {
  const now = input.now ?? new Date();
  const challenge = await findLiveChallenge(db, { tenantId: input.tenantId, token: input.challengeToken, now });
  if (!challenge) return undefined;
  const tenant = await tenantById(db, input.tenantId);
  const factors = await secondFactorsOf(db, input.tenantId, challenge.userId);
  return {
    challengeId: challenge.id,
    userId: challenge.userId,
    amr: challenge.amr,
    methods: offeredMethods(factors, { firstFactorAmr: challenge.amr, allowEmailCode: readMfaPolicy(tenant.settings).allowEmailCode }),
    expiresAt: challenge.expiresAt,
  };
}

/**
 * For a second factor checked elsewhere (a passkey: `verifyPasskeyForUser` in services/passkeys):
 * completes the pending sign-in of `userId` with the methods that factor proved (e.g. ["hwk",
 * "user"]) and starts its session. Throws `unauthorized` when the token names no live pending
 * sign-in of that user, or another request completed it first. Check the factor first (its user
 * from `describeMfaChallenge`), and on a refused factor call `recordMfaChallengeFailure`.
 */
export async function completeMfaChallengeWith(
  db: Db,
  ctx: RequestContext,
  input: { tenantId: string; challengeToken: string; userId: string; amr: string[]; method?: MfaMethod; now?: Date },
): Promise<SignedIn> {
  const now = input.now ?? new Date();
  const challenge = await findLiveChallenge(db, { tenantId: input.tenantId, token: input.challengeToken, now });
  if (!challenge || challenge.userId !== input.userId) throw challengeGone();
  const signedIn = await db.transaction((tx) =>
    finishChallenge(tx, ctx, { tenantId: input.tenantId, challenge, amr: input.amr, method: input.method ?? "passkey", now }),
  );
  if (!signedIn) throw challengeGone();
  return signedIn;
}

/** Counts a refused second factor (checked elsewhere) against a pending sign-in; returns the attempts left (0: it died). */
export async function recordMfaChallengeFailure(
  db: Db,
  ctx: RequestContext,
  input: { tenantId: string; challengeToken: string; method?: MfaMethod; now?: Date },
): Promise<number> {
  const now = input.now ?? new Date();
  const challenge = await findLiveChallenge(db, { tenantId: input.tenantId, token: input.challengeToken, now });
  if (!challenge) return 0;
  return failChallenge(db, ctx, { tenantId: input.tenantId, challenge, method: input.method ?? "passkey", now });
}

/**
 * Raises a live session after a second factor: acr 2fa, amr extended (with `mfa`), auth_time now,
 * and a new token (the old one stops working), so whoever knew the single-factor token does not
 * hold the stronger session. The session keeps its id (OIDC `sid`). In the caller's transaction.
 */
export async function stepUpSessionWith(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; sessionId: string; amr: string[]; now?: Date },
): Promise<{ session: Session; sessionToken: string }> {
  const now = input.now ?? new Date();
  const [current] = await tx
    .select({ amr: sessions.amr })
    .from(sessions)
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId), isNull(sessions.revokedAt)))
    .limit(1);
  if (!current) throw new ServiceError("unauthorized", "Sign in first");
  const token = randomToken(32);
  const amr = combinedAmr(current.amr, input.amr);
  const [raised] = await tx
    .update(sessions)
    .set({ tokenHash: hashToken(token), amr, acr: ACR.multiFactor, authTime: now, lastActiveAt: now })
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.id, input.sessionId), isNull(sessions.revokedAt)))
    .returning();
  if (!raised) throw new ServiceError("unauthorized", "Sign in first");
  await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: input.userId } }, {
    tenantId: input.tenantId,
    action: "session.stepped_up",
    targetType: "session",
    targetId: raised.id,
    data: { amr },
  });
  return { session: raised, sessionToken: token };
}

/**
 * Step-up with a code: the live session a token names proves a second factor (authenticator,
 * recovery code, or, where the tenant allows it after a password, a code `sendStepUpEmailCode`
 * mailed) and is raised (see `stepUpSessionWith`). Returns the session and its new token.
 */
export async function stepUpSession(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; sessionToken: string; method: MfaCodeMethod; code: string; now?: Date },
): Promise<{ user: User; session: Session; sessionToken: string }> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceProofLimit(deps, ctx, tenant.id);
  const live = await resolveSession(db, tenant.id, input.sessionToken, now);
  if (!live) throw new ServiceError("unauthorized", "Sign in first");
  await enforceAccountLimits(deps, tenant.id, live.user.id);
  const methods = await stepUpMethods(db, tenant.id, live);
  if (!methods.includes(input.method)) {
    throw new ServiceError(
      "conflict",
      input.method === "totp"
        ? "Set up an authenticator app first"
        : input.method === "recovery_code"
          ? "There are no recovery codes left on this account"
          : "A code by email is not available to confirm this sign-in",
    );
  }
  const raised = await db.transaction(async (tx) => {
    const amr = await proveWithCode(tx, deps, { tenantId: tenant.id, userId: live.user.id, method: input.method, code: input.code, now });
    if (!amr) return undefined;
    return stepUpSessionWith(tx, ctx, { tenantId: tenant.id, userId: live.user.id, sessionId: live.session.id, amr, now });
  });
  if (!raised) {
    await db.transaction((tx) =>
      recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: live.user.id } }, {
        tenantId: tenant.id,
        action: "user.mfa_failed",
        targetType: "user",
        targetId: live.user.id,
        data: { method: input.method, sessionId: live.session.id },
      }),
    );
    throw wrongCode();
  }
  await deps.limiter.reset(mfaAccountKey(tenant.id, live.user.id), limits.mfaPerAccount);
  if (input.method === "recovery_code") await tellRecoveryCodeUsed(db, deps, tenant, live.user, now);
  return { user: live.user, ...raised };
}

/** The ways a signed-in session can be raised: its user's factors, and an emailed code where allowed after a password. */
export async function stepUpMethods(
  db: Executor,
  tenantId: string,
  live: { user: { id: string }; session: { amr: string[] } },
): Promise<MfaMethod[]> {
  const tenant = await tenantById(db, tenantId);
  const factors = await secondFactorsOf(db, tenant.id, live.user.id);
  return offeredMethods(factors, { firstFactorAmr: live.session.amr, allowEmailCode: readMfaPolicy(tenant.settings).allowEmailCode });
}

/** Mails a code that raises the signed-in session (`stepUpSession` with `email_code`), where that is offered. */
export async function sendStepUpEmailCode(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; sessionToken: string; now?: Date },
): Promise<{ status: "email_code_sent"; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  const live = await resolveSession(db, tenant.id, input.sessionToken, now);
  if (!live) throw new ServiceError("unauthorized", "Sign in first");
  if (!(await stepUpMethods(db, tenant.id, live)).includes("email_code")) {
    throw new ServiceError("forbidden", "A code by email is not available to confirm this sign-in");
  }
  return mailEmailCode(db, deps, ctx, { tenant, user: live.user, now });
}
