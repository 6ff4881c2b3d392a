/**
 * A passkey as the second step of a sign-in: the first factor (password, emailed link or code)
 * left a pending sign-in (services/mfa: an mfa_challenges row and its token) whose methods include
 * `passkey`. The browser gets options listing that user's passkeys, with a challenge bound to the
 * user; the assertion is checked by `verifyPasskeyForUser`, and the pending sign-in completes with
 * the methods it proved (amr e.g. pwd + hwk + user + mfa, acr 2fa). A refused passkey counts as a
 * wrong code against the pending sign-in (five and it dies), as well as against this address and
 * credential like any passkey sign-in.
 */
import type { PasskeyAuthenticationOptions, PasskeyAuthenticationResponse } from "@plinto/contracts";
import type { Db } from "@plinto/db";
import { hashToken } from "../../lib/crypto";
import type { RequestContext } from "../context";
import { RateLimitedError, ServiceError } from "../errors";
import {
  challengeGone,
  completeMfaChallengeWith,
  describeMfaChallenge,
  recordMfaChallengeFailure,
  stepUpSessionWith,
  type PendingMfaSignIn,
  type SignedIn,
} from "../mfa/sign-in";
import { resolveSession } from "../sessions/sessions";
import { findTenantBySlug } from "../tenants/tenants";
import { PasskeyNotAcceptedError, passkeyLimits, passkeyOptionsForUser, verifyPasskeyForUser, type PasskeyDeps } from "./passkeys";

async function pendingPasskeySignIn(db: Db, input: { tenantSlug: string; challengeToken: string }) {
  const tenant = await findTenantBySlug(db, input.tenantSlug);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  const pending: PendingMfaSignIn | undefined = await describeMfaChallenge(db, { tenantId: tenant.id, challengeToken: input.challengeToken });
  if (!pending || !pending.methods.includes("passkey")) throw challengeGone();
  return { tenant, pending };
}

async function enforce(deps: PasskeyDeps, key: string, policy: { limit: number; windowSeconds: number }) {
  const result = await deps.limiter.limit(key, policy);
  if (!result.success) throw new RateLimitedError(result.retryAfterSeconds);
}

/** Options for the pending sign-in's user's passkeys. `unauthorized` when it is gone or offers no passkey. */
export async function startPasskeySecondFactor(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; challengeToken: string },
): Promise<PasskeyAuthenticationOptions> {
  const { tenant, pending } = await pendingPasskeySignIn(db, input);
  await enforce(deps, `passkey:options:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, passkeyLimits.optionsPerIp);
  return passkeyOptionsForUser(db, ctx, { config: deps.config, tenantId: tenant.id, userId: pending.userId });
}

/**
 * Completes the pending sign-in with an assertion of one of its user's passkeys and starts the
 * session. A refused passkey is `invalid_passkey` (and counts against the pending sign-in); a
 * pending sign-in that is gone is `unauthorized` (sign in again).
 */
export async function completePasskeySecondFactor(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; challengeToken: string; response: PasskeyAuthenticationResponse },
): Promise<SignedIn> {
  const { tenant, pending } = await pendingPasskeySignIn(db, input);
  await enforce(deps, `signin:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, passkeyLimits.signInPerIp);
  const credentialKey = `passkey:credential:${tenant.id}:${hashToken(input.response.id)}`;
  await enforce(deps, credentialKey, passkeyLimits.perCredential);

  let proved: Awaited<ReturnType<typeof verifyPasskeyForUser>>;
  try {
    proved = await verifyPasskeyForUser(db, ctx, { config: deps.config, tenantId: tenant.id, userId: pending.userId, response: input.response });
  } catch (error) {
    if (error instanceof PasskeyNotAcceptedError) {
      await recordMfaChallengeFailure(db, ctx, { tenantId: tenant.id, challengeToken: input.challengeToken, method: "passkey" });
    }
    throw error;
  }
  const signedIn = await completeMfaChallengeWith(db, ctx, {
    tenantId: tenant.id,
    challengeToken: input.challengeToken,
    userId: pending.userId,
    amr: proved.amr,
    method: "passkey",
  });
  await deps.limiter.reset(credentialKey, passkeyLimits.perCredential);
  return signedIn;
}

// ── Step-up: a signed-in session proves a passkey ───────────────────────────────────────────────

async function liveSession(db: Db, input: { tenantSlug: string; sessionToken: string }) {
  const tenant = await findTenantBySlug(db, input.tenantSlug);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  const live = await resolveSession(db, tenant.id, input.sessionToken);
  if (!live) throw new ServiceError("unauthorized", "Sign in first");
  return { tenant, live };
}

/** Options listing the signed-in user's passkeys, to raise their session with one. */
export async function startPasskeyStepUp(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; sessionToken: string },
): Promise<PasskeyAuthenticationOptions> {
  const { tenant, live } = await liveSession(db, input);
  await enforce(deps, `passkey:options:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, passkeyLimits.optionsPerIp);
  return passkeyOptionsForUser(db, ctx, { config: deps.config, tenantId: tenant.id, userId: live.user.id });
}

/**
 * Raises the signed-in session with one of its user's passkeys (step-up, as with a code: acr 2fa,
 * a fresh authTime, a new session token). A refused passkey is `invalid_passkey`.
 */
export async function completePasskeyStepUp(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; sessionToken: string; response: PasskeyAuthenticationResponse },
) {
  const { tenant, live } = await liveSession(db, input);
  const credentialKey = `passkey:credential:${tenant.id}:${hashToken(input.response.id)}`;
  await enforce(deps, credentialKey, passkeyLimits.perCredential);
  const proved = await verifyPasskeyForUser(db, ctx, { config: deps.config, tenantId: tenant.id, userId: live.user.id, response: input.response });
  const raised = await db.transaction((tx) =>
    stepUpSessionWith(tx, ctx, { tenantId: tenant.id, userId: live.user.id, sessionId: live.session.id, amr: proved.amr }),
  );
  await deps.limiter.reset(credentialKey, passkeyLimits.perCredential);
  return { user: live.user, ...raised };
}
