/**
 * A tenant's multi-factor policy, read defensively from its settings (a jsonb column: older rows,
 * hand-edited rows and fields the TypeScript type does not name yet must all read sensibly).
 *
 * - `off`: nobody may set up a new second factor. Factors people already have are still asked
 *   for at sign-in: switching the policy off never silently weakens an account its owner protected.
 * - `optional` (the default): people may set up a second factor; those who have one are asked for it.
 * - `required`: everyone needs one. Someone without one is asked to set one up during sign-in,
 *   except within `gracePeriodDays` of the later of their account's creation and `requiredSince`
 *   (when the policy became required), when sign-in succeeds and the answer says enrolment is due.
 *
 * `allowEmailCode`: a code mailed to the account's address may stand in for the second factor of
 * someone who has one (a fallback, e.g. a phone left at home), after a password first factor only:
 * after an emailed first factor it would be the same factor twice.
 */
export type MfaMode = "off" | "optional" | "required";

export interface MfaPolicy {
  mode: MfaMode;
  gracePeriodDays: number;
  allowEmailCode: boolean;
  /** When the tenant made MFA required, if recorded (`settings.mfaPolicy.requiredSince`, ISO 8601). */
  requiredSince?: Date;
}

/** The longest grace period honoured; anything longer in the settings is read as this. */
export const MAX_GRACE_PERIOD_DAYS = 365;

const MODES: readonly MfaMode[] = ["off", "optional", "required"];

export function readMfaPolicy(settings: unknown): MfaPolicy {
  const raw = isRecord(settings) && isRecord(settings.mfaPolicy) ? settings.mfaPolicy : {};
  const mode = MODES.includes(raw.mode as MfaMode) ? (raw.mode as MfaMode) : "optional";
  const days = typeof raw.gracePeriodDays === "number" && Number.isFinite(raw.gracePeriodDays) ? raw.gracePeriodDays : 0;
  const since = typeof raw.requiredSince === "string" ? new Date(raw.requiredSince) : undefined;
  return {
    mode,
    gracePeriodDays: Math.min(MAX_GRACE_PERIOD_DAYS, Math.max(0, days)),
    allowEmailCode: raw.allowEmailCode === true,
    ...(since && !Number.isNaN(since.getTime()) ? { requiredSince: since } : {}),
  };
}

export type EnrolmentRequirement =
  | { kind: "not_required" }
  /** Required, but the grace period still runs: sign in, and say by when to set a factor up. */
  | { kind: "due"; dueBy: Date }
  /** Required now: no session until a second factor is set up. */
  | { kind: "required" };

/** Whether a user without a second factor must set one up before this sign-in completes. */
export function enrolmentRequirement(policy: MfaPolicy, user: { createdAt: Date }, now: Date): EnrolmentRequirement {
  if (policy.mode !== "required") return { kind: "not_required" };
  const start = Math.max(user.createdAt.getTime(), policy.requiredSince?.getTime() ?? 0);
  const dueBy = new Date(start + policy.gracePeriodDays * 86_400_000);
  return now.getTime() < dueBy.getTime() ? { kind: "due", dueBy } : { kind: "required" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
