import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@plinto/db";
import { users } from "@plinto/db/schema";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "../../lib/password";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { consumeUserChallenges } from "../mfa/challenges";
import { autoJoinByDomain } from "../organizations/domains";
import { afterFirstFactor, type SignInOutcome } from "../mfa/sign-in";
import { resolveSession, revokeAllSessions, revokeSession } from "../sessions/sessions";
import { evaluatePassword, policyForTenant } from "../users/password-policy";
import { createUser, findUserByEmail, findUserWithPasswordHash, normalizeEmail, replacePasswordHash, setPassword } from "../users/users";
import * as messages from "./messages";
import {
  enforce,
  enforceMailLimits,
  enforceProofLimit,
  limits,
  requireTenant,
  send,
  signInAccountKey,
  where,
  type AuthDeps,
} from "./support";
import { consumeCode, consumeToken, issueVerification } from "./verifications";

export { limits, type AuthDeps } from "./support";

function checkPasswordPolicy(
  tenant: { name: string; settings: Parameters<typeof policyForTenant>[0] },
  email: string,
  password: string,
) {
  const verdict = evaluatePassword(password, {
    ...policyForTenant(tenant.settings),
    context: { email, words: [tenant.name, "plinto"] },
  });
  if (!verdict.ok) {
    throw new ServiceError(
      "validation_failed",
      verdict.problems[0]!.message,
      verdict.problems.map((p) => ({ path: "password", message: p.message })),
    );
  }
}

/**
 * Sign-up answers the same whether or not the address has an account; the mail says which. The
 * password is checked (and hashed) either way so neither the answer nor its timing tells.
 */
export async function signUp(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; email: string; password: string; name?: string },
): Promise<{ status: "verification_sent" }> {
  const tenant = await requireTenant(db, input.tenantSlug);
  const perIp = { ...limits.signUpPerIp, limit: deps.config.signUpsPerIpPerHour ?? limits.signUpPerIp.limit };
  await enforce(deps.limiter, `signup:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, perIp);
  checkPasswordPolicy(tenant, input.email, input.password);
  await enforceMailLimits(deps, ctx, tenant.id, input.email);

  const outcome = await db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, tenant.id, input.email);
    if (existing) {
      await hashPassword(input.password);
      return { kind: "exists" as const, email: existing.email };
    }
    const user = await createUser(tx, ctx, { tenantId: tenant.id, email: input.email, password: input.password, name: input.name });
    const proof = await issueVerification(tx, {
      tenantId: tenant.id,
      userId: user.id,
      email: user.email,
      purpose: "verify_email",
      secret: deps.config.secret,
      withCode: true,
    });
    return { kind: "created" as const, email: user.email, proof };
  });
  // Mail leaves after the commit: the embedded database serves one transaction at a time.
  if (outcome.kind === "exists") await send(deps, tenant.id, outcome.email, messages.accountExistsMessage(where(deps, tenant)));
  else await send(deps, tenant.id, outcome.email, messages.verifyEmailMessage(where(deps, tenant), { token: outcome.proof.token, code: outcome.proof.code! }));
  return { status: "verification_sent" };
}

async function markEmailVerified(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], ctx: RequestContext, tenantId: string, userId: string, email: string) {
  const updated = await tx
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.email, email), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  if (updated.length > 0) {
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: userId } }, {
      tenantId,
      action: "user.email_verified",
      targetType: "user",
      targetId: userId,
    });
    await autoJoinByDomain(tx, ctx, { tenantId, userId, email });
  }
}

/** Confirms an address with the link's token, or with the emailed code typed in. */
export async function verifyEmail(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string } & ({ token: string } | { email: string; code: string }),
): Promise<{ status: "verified" }> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceProofLimit(deps, ctx, tenant.id);
  if ("token" in input) {
    await db.transaction(async (tx) => {
      const proof = await consumeToken(tx, { tenantId: tenant.id, purpose: "verify_email", token: input.token });
      await markEmailVerified(tx, ctx, tenant.id, proof.userId, proof.email);
    });
    return { status: "verified" };
  }
  const user = await findUserByEmail(db, tenant.id, input.email);
  // The attempt count must survive the failed request, so the code is checked in its own transaction.
  const proof = user
    ? await db.transaction((tx) =>
        consumeCode(tx, { tenantId: tenant.id, userId: user.id, purpose: "verify_email", code: input.code, secret: deps.config.secret }),
      )
    : undefined;
  if (!proof || !user) throw new ServiceError("invalid_verification", "That code is not right, or it has expired; ask for a new one");
  await db.transaction((tx) => markEmailVerified(tx, ctx, tenant.id, user.id, proof.email));
  return { status: "verified" };
}

/** Sends a fresh confirmation mail to an unconfirmed account; answers the same for any address. */
export async function resendVerification(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; email: string },
): Promise<{ status: "verification_sent" }> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceMailLimits(deps, ctx, tenant.id, input.email);
  const user = await findUserByEmail(db, tenant.id, input.email);
  if (user && !user.emailVerifiedAt && user.status === "active") {
    const proof = await db.transaction((tx) =>
      issueVerification(tx, { tenantId: tenant.id, userId: user.id, email: user.email, purpose: "verify_email", secret: deps.config.secret, withCode: true }),
    );
    await send(deps, tenant.id, user.email, messages.verifyEmailMessage(where(deps, tenant), { token: proof.token, code: proof.code! }));
  }
  return { status: "verification_sent" };
}

const invalidCredentials = () => new ServiceError("invalid_credentials", "That email and password do not match an account");

/**
 * Password sign-in. Unknown email, wrong or empty password and a blocked account give the same
 * answer after the same work (a dummy hash check stands in for a missing account). Success starts
 * a new session, unless a second factor follows (services/mfa/sign-in.ts): then the answer is
 * `mfa_required` (or `mfa_enrolment_required`) with a challenge token, and no session exists yet.
 * An imported or weaker hash is replaced with argon2id while the password is at hand.
 */
export async function signInWithPassword(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; email: string; password: string; now?: Date },
): Promise<SignInOutcome> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforce(deps.limiter, `signin:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, limits.signInPerIp);
  const accountKey = signInAccountKey(tenant.id, input.email);
  const daily = await enforce(deps.limiter, accountKey, limits.signInPerAccountDaily);
  const recent = await enforce(deps.limiter, accountKey, limits.signInPerAccount);

  const found = await findUserWithPasswordHash(db, tenant.id, input.email);
  const user = found?.user;
  const stored = found?.passwordHash;
  const matches = stored ? await verifyPassword(stored, input.password) : await verifyAgainstDummy(input.password).then(() => false);

  if (!user || !matches || user.status !== "active") {
    // The attempt that used up the account's allowance pauses it: recorded, and its owner told once.
    const paused = user && (recent.remaining === 0 || daily.remaining === 0) ? (recent.remaining === 0 ? recent : daily) : undefined;
    await db.transaction(async (tx) => {
      await recordAuditEvent(tx, ctx, {
        tenantId: tenant.id,
        action: "user.sign_in_failed",
        targetType: user ? "user" : undefined,
        targetId: user?.id,
        data: { method: "password", reason: !user ? "unknown_email" : user.status !== "active" ? `user_${user.status}` : "wrong_password" },
      });
      if (paused) {
        await recordAuditEvent(tx, ctx, {
          tenantId: tenant.id,
          action: "user.sign_in_paused",
          targetType: "user",
          targetId: user!.id,
          data: { until: new Date(paused.resetAt).toISOString() },
        });
      }
    });
    if (paused) {
      const minutes = Math.max(1, Math.ceil((paused.resetAt - Date.now()) / 60_000));
      await send(deps, tenant.id, user!.email, messages.signInPausedMessage(where(deps, tenant), minutes));
    }
    throw invalidCredentials();
  }

  if (!user.emailVerifiedAt) {
    await resendVerification(db, deps, ctx, { tenantSlug: tenant.slug, email: user.email }).catch(() => undefined);
    throw new ServiceError("email_not_verified", "Confirm your email address first; we have sent you a new code");
  }

  const outcome = await db.transaction(async (tx) => {
    if (needsRehash(stored!)) await replacePasswordHash(tx, ctx, { tenantId: tenant.id, userId: user.id, hash: await hashPassword(input.password) });
    return afterFirstFactor(tx, ctx, { tenant, user, amr: ["pwd"], now: input.now });
  });
  await deps.limiter.reset(accountKey, limits.signInPerAccount);
  return outcome.status === "signed_in" ? { ...outcome, user } : outcome;
}

/** Asks for a password reset. The same answer for any address; the mail says what happened. */
export async function requestPasswordReset(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; email: string },
): Promise<{ status: "reset_requested" }> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceMailLimits(deps, ctx, tenant.id, input.email);
  const user = await findUserByEmail(db, tenant.id, input.email);
  if (!user || user.status !== "active") {
    await send(deps, tenant.id, normalizeEmail(input.email), messages.noAccountMessage(where(deps, tenant), "reset your password"));
    return { status: "reset_requested" };
  }
  const proof = await db.transaction((tx) =>
    issueVerification(tx, { tenantId: tenant.id, userId: user.id, email: user.email, purpose: "reset_password", secret: deps.config.secret, withCode: false }),
  );
  await send(deps, tenant.id, user.email, messages.resetPasswordMessage(where(deps, tenant), { token: proof.token }));
  return { status: "reset_requested" };
}

/**
 * Sets a new password from a reset link. It proves the address, and it ends every session and
 * refresh token of the account, so whoever knew the old password is signed out.
 */
export async function resetPassword(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; token: string; password: string },
): Promise<{ status: "password_reset" }> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceProofLimit(deps, ctx, tenant.id);
  await db.transaction(async (tx) => {
    const proof = await consumeToken(tx, { tenantId: tenant.id, purpose: "reset_password", token: input.token });
    checkPasswordPolicy(tenant, proof.email, input.password);
    const actor = { ...ctx, actor: { type: "user" as const, id: proof.userId } };
    await setPassword(tx, actor, { tenantId: tenant.id, userId: proof.userId, password: input.password });
    await markEmailVerified(tx, actor, tenant.id, proof.userId, proof.email);
    await revokeAllSessions(tx, actor, { tenantId: tenant.id, userId: proof.userId, reason: "password_reset" });
    // Sign-ins waiting for their second factor were begun with the old password: they end too.
    await consumeUserChallenges(tx, { tenantId: tenant.id, userId: proof.userId, now: new Date() });
  });
  return { status: "password_reset" };
}

/** Mails a sign-in link and code (magic link / email one-time code). The same answer for any address. */
export async function requestEmailSignIn(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; email: string },
): Promise<{ status: "sign_in_link_sent" }> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceMailLimits(deps, ctx, tenant.id, input.email);
  const user = await findUserByEmail(db, tenant.id, input.email);
  if (!user || user.status !== "active") {
    await send(deps, tenant.id, normalizeEmail(input.email), messages.noAccountMessage(where(deps, tenant), "sign in"));
    return { status: "sign_in_link_sent" };
  }
  const proof = await db.transaction((tx) =>
    issueVerification(tx, { tenantId: tenant.id, userId: user.id, email: user.email, purpose: "magic_link", secret: deps.config.secret, withCode: true }),
  );
  await send(deps, tenant.id, user.email, messages.emailSignInMessage(where(deps, tenant), { token: proof.token, code: proof.code! }));
  return { status: "sign_in_link_sent" };
}

/**
 * Signs in with the mailed link's token or the mailed code; either proves the address too. A
 * second factor may follow, as after a password.
 */
export async function completeEmailSignIn(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; now?: Date } & ({ token: string } | { email: string; code: string }),
): Promise<SignInOutcome> {
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceProofLimit(deps, ctx, tenant.id);
  let userId: string;
  let email: string;
  if ("token" in input) {
    const proof = await db.transaction((tx) => consumeToken(tx, { tenantId: tenant.id, purpose: "magic_link", token: input.token }));
    userId = proof.userId;
    email = proof.email;
  } else {
    const user = await findUserByEmail(db, tenant.id, input.email);
    const proof = user
      ? await db.transaction((tx) =>
          consumeCode(tx, { tenantId: tenant.id, userId: user.id, purpose: "magic_link", code: input.code, secret: deps.config.secret }),
        )
      : undefined;
    if (!proof) throw new ServiceError("invalid_verification", "That code is not right, or it has expired; ask for a new one");
    userId = proof.userId;
    email = proof.email;
  }
  const started = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.tenantId, tenant.id), eq(users.id, userId)));
    if (!user || user.status !== "active") throw new ServiceError("invalid_verification", "That code or link is not valid any more");
    const actor = { ...ctx, actor: { type: "user" as const, id: userId } };
    await markEmailVerified(tx, actor, tenant.id, userId, email);
    const outcome = await afterFirstFactor(tx, actor, { tenant, user, amr: ["otp"], now: input.now });
    if (outcome.status !== "signed_in") return outcome;
    // Read again: the address may have been confirmed just now, and the session set lastSignInAt.
    const [current] = await tx.select().from(users).where(and(eq(users.tenantId, tenant.id), eq(users.id, userId)));
    return { ...outcome, user: current! };
  });
  return started;
}

/** Ends the session a token names. Signing out of an ended or unknown session is not an error. */
export async function signOut(db: Db, ctx: RequestContext, input: { tenantSlug: string; sessionToken: string }) {
  const tenant = await requireTenant(db, input.tenantSlug);
  const live = await resolveSession(db, tenant.id, input.sessionToken);
  if (!live) return { status: "signed_out" as const };
  await db.transaction((tx) =>
    revokeSession(tx, { ...ctx, actor: { type: "user", id: live.user.id } }, {
      tenantId: tenant.id,
      userId: live.user.id,
      sessionId: live.session.id,
      reason: "sign_out",
    }),
  );
  return { status: "signed_out" as const };
}
