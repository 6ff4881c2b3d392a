/**
 * Setting up an authenticator app. Two callers may do it:
 * - a signed-in user (their session token), whose sign-in is recent (`requireRecentAuth`);
 * - a sign-in the tenant holds back until a second factor exists (`mfa_enrolment_required`): its
 *   challenge token allows setting up an app, and only while the user has no second factor, so a
 *   password alone can never add a factor to an account that has one. Confirming completes that
 *   sign-in: its session starts with acr 2fa.
 * The user's first second factor comes with ten recovery codes, returned once.
 */
import type { Db, Executor } from "@plinto/db";
import { recordAuditEvent } from "../audit/audit";
import { enforce, enforceProofLimit, limits, requireTenant, send, where, type AuthDeps } from "../auth/support";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { requireRecentAuth } from "../sessions/recent-auth";
import { notify } from "../notifications/notifications";
import { resolveCredential, type SessionCredential } from "../sessions/sessions";
import { displayNameOf } from "../tenants/tenants";
import { findUserById } from "../users/users";
import { findLiveChallenge, recordChallengeFailure, type MfaChallenge } from "./challenges";
import { secondFactorsOf, type FactorSummary } from "./factors";
import { totpAddedMessage } from "./messages";
import { userMfaPolicy } from "./user-policy";
import { replaceRecoveryCodes } from "./recovery-codes";
import { challengeGone, finishChallenge, wrongCode, type SignedIn } from "./sign-in";
import { confirmTotp, createTotpEnrolment, pendingTotpEnrolment, verifiedTotp, type TotpEnrolment } from "./totp";

/** Who asks to set up an authenticator: a signed-in user, or a sign-in held back for want of one. */
export type EnrolmentAuthority = SessionCredential | { challengeToken: string };

type Tenant = Awaited<ReturnType<typeof requireTenant>>;
type Authorized =
  | { kind: "session"; user: NonNullable<Awaited<ReturnType<typeof findUserById>>>; session: { id: string; authTime: Date } }
  | { kind: "challenge"; user: NonNullable<Awaited<ReturnType<typeof findUserById>>>; challenge: MfaChallenge };

async function authorize(db: Executor, tenant: Tenant, authority: EnrolmentAuthority, now: Date): Promise<Authorized> {
  if (!("challengeToken" in authority)) {
    const live = await resolveCredential(db, tenant.id, authority, now);
    if (!live) throw new ServiceError("unauthorized", "Sign in first");
    return { kind: "session", user: live.user, session: live.session };
  }
  const challenge = await findLiveChallenge(db, { tenantId: tenant.id, token: authority.challengeToken, now });
  if (!challenge) throw challengeGone();
  const user = await findUserById(db, tenant.id, challenge.userId);
  if (!user || user.status !== "active") throw challengeGone();
  // A pending sign-in of someone who has a second factor completes with it; it never adds another.
  if ((await secondFactorsOf(db, tenant.id, user.id)).any) {
    throw new ServiceError("forbidden", "This sign-in needs the second factor already set up; enter its code");
  }
  return { kind: "challenge", user, challenge };
}

const labels = (tenant: Tenant, user: { email: string }) => ({ issuer: displayNameOf(tenant), label: user.email });

/** What the enrolment is for, shown beside the QR code. */
export interface TotpEnrolmentView extends TotpEnrolment {
  issuer: string;
  label: string;
}

/**
 * Starts setting up an authenticator app: a new secret (replacing an unconfirmed one), its
 * otpauth:// URI and QR code. Refused when the tenant offers no second factors, or the user
 * already has an authenticator app (remove it first), or (signed in) the sign-in is not recent.
 */
export async function startTotpEnrolment(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; now?: Date } & EnrolmentAuthority,
): Promise<TotpEnrolmentView> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  const who = await authorize(db, tenant, input, now);
  if (who.kind === "session") {
    if ((await userMfaPolicy(db, { tenant, user: who.user, now })).mode === "off") throw new ServiceError("forbidden", `${displayNameOf(tenant)} does not offer two-step verification`);
    requireRecentAuth(who.session, undefined, now);
  }
  await enforce(deps.limiter, `mfa:enrol:${tenant.id}:${who.user.id}`, limits.mfaPerAccount);
  if (await verifiedTotp(db, tenant.id, who.user.id)) {
    throw new ServiceError("conflict", "An authenticator app is already set up; remove it first to set up another");
  }
  const label = labels(tenant, who.user);
  const enrolment = await db.transaction(async (tx) => {
    const started = await createTotpEnrolment(tx, deps.config.secret, { tenantId: tenant.id, userId: who.user.id, ...label, now });
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: who.user.id } }, {
      tenantId: tenant.id,
      action: "mfa.totp_enrolment_started",
      targetType: "credential",
      targetId: started.credentialId,
      data: { via: who.kind },
    });
    return started;
  });
  return { ...enrolment, ...label };
}

/** The enrolment waiting for its code, if any (for a page to show again). Reads only. */
export async function pendingEnrolment(
  db: Db,
  deps: AuthDeps,
  input: { tenantSlug: string; now?: Date } & EnrolmentAuthority,
): Promise<TotpEnrolmentView | undefined> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  const who = await authorize(db, tenant, input, now);
  const label = labels(tenant, who.user);
  const pending = await pendingTotpEnrolment(db, deps.config.secret, { tenantId: tenant.id, userId: who.user.id, ...label, now });
  return pending ? { ...pending, ...label } : undefined;
}

/**
 * What the enrolment page shows: the enrolment waiting for its code, and, for a signed-in user
 * without a second factor whose tenant requires one after a grace period, the date it ends.
 */
export async function enrolmentStatus(
  db: Db,
  deps: AuthDeps,
  input: { tenantSlug: string; now?: Date } & EnrolmentAuthority,
): Promise<{ via: "session" | "challenge"; pending?: TotpEnrolmentView; dueBy?: Date }> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  const who = await authorize(db, tenant, input, now);
  const label = labels(tenant, who.user);
  const pending = await pendingTotpEnrolment(db, deps.config.secret, { tenantId: tenant.id, userId: who.user.id, ...label, now });
  let dueBy: Date | undefined;
  if (who.kind === "session" && !(await secondFactorsOf(db, tenant.id, who.user.id)).any) {
    const { requirement } = await userMfaPolicy(db, { tenant, user: who.user, now });
    if (requirement.kind === "due") dueBy = requirement.dueBy;
  }
  return { via: who.kind, ...(pending ? { pending: { ...pending, ...label } } : {}), ...(dueBy ? { dueBy } : {}) };
}

export interface TotpConfirmed {
  factor: FactorSummary;
  /** The ten recovery codes, when this is the user's first second factor: shown this once. */
  recoveryCodes?: string[];
  /** When confirmed for a held-back sign-in: that sign-in, now complete. */
  signIn?: SignedIn;
}

/**
 * Confirms the pending enrolment with a code from the app. The code's step is spent, so it cannot
 * also sign in. For a held-back sign-in, a wrong code counts against it like any other.
 */
export async function confirmTotpEnrolment(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; code: string; now?: Date } & EnrolmentAuthority,
): Promise<TotpConfirmed> {
  const now = input.now ?? new Date();
  const tenant = await requireTenant(db, input.tenantSlug);
  await enforceProofLimit(deps, ctx, tenant.id);
  const who = await authorize(db, tenant, input, now);
  await enforce(deps.limiter, `mfa:account:${tenant.id}:${who.user.id}`, limits.mfaPerAccount);
  const actor: RequestContext = { ...ctx, actor: { type: "user", id: who.user.id } };

  const confirmed = await db.transaction(async (tx) => {
    const before = await secondFactorsOf(tx, tenant.id, who.user.id);
    const credential = await confirmTotp(tx, deps.config.secret, { tenantId: tenant.id, userId: who.user.id, code: input.code, now });
    if (!credential) return undefined;
    await notify(tx, {
      tenantId: tenant.id,
      userId: who.user.id,
      kind: "factor_added",
      title: "Two-step verification is on",
      body: "An authenticator app was set up for your account. Signing in now asks for a code from it after your password.",
      data: { credentialId: credential.id, type: "totp" },
    });
    await recordAuditEvent(tx, actor, {
      tenantId: tenant.id,
      action: "mfa.factor_added",
      targetType: "credential",
      targetId: credential.id,
      data: { type: "totp", via: who.kind },
    });
    let recoveryCodes: string[] | undefined;
    if (!before.any) {
      recoveryCodes = await replaceRecoveryCodes(tx, deps.config.secret, { tenantId: tenant.id, userId: who.user.id, now });
      await recordAuditEvent(tx, actor, {
        tenantId: tenant.id,
        action: "mfa.recovery_codes_generated",
        targetType: "user",
        targetId: who.user.id,
        data: { count: recoveryCodes.length, reason: "first_factor" },
      });
    }
    let signIn: SignedIn | undefined;
    if (who.kind === "challenge") {
      signIn = await finishChallenge(tx, ctx, { tenantId: tenant.id, challenge: who.challenge, amr: ["otp"], method: "totp", now });
      // Completed or spent by another request meanwhile: nothing of this one may stay.
      if (!signIn) throw challengeGone();
    }
    const factor: FactorSummary = {
      id: credential.id,
      type: "totp",
      name: credential.name,
      createdAt: credential.createdAt,
      lastUsedAt: credential.lastUsedAt,
    };
    return { factor, ...(recoveryCodes ? { recoveryCodes } : {}), ...(signIn ? { signIn } : {}) };
  });

  if (!confirmed) {
    if (who.kind === "challenge") {
      await db.transaction(async (tx) => {
        const left = await recordChallengeFailure(tx, { tenantId: tenant.id, challengeId: who.challenge.id, now });
        await recordAuditEvent(tx, actor, {
          tenantId: tenant.id,
          action: "user.mfa_failed",
          targetType: "user",
          targetId: who.user.id,
          data: { method: "totp", purpose: "enrolment", challengeId: who.challenge.id, attemptsLeft: left },
        });
      });
    }
    throw wrongCode();
  }
  await send(deps, tenant.id, who.user.email, totpAddedMessage(where(deps, tenant), now));
  return confirmed;
}
