import { and, desc, eq, inArray } from "drizzle-orm";
import type { SIGN_IN_FAILURE_KINDS, SIGN_IN_LIMITS } from "@plinto/contracts";
import type { Db, Executor } from "@plinto/db";
import { auditEvents } from "@plinto/db/schema";
import type { RateLimiter, RateLimitPolicy } from "../../lib/rate-limit";
import { recordAuditEvent } from "../audit/audit";
import { limits, mfaAccountKey, signInAccountKey } from "../auth/support";
import type { RequestContext } from "../context";
import { getUser, type User } from "./directory";

/**
 * Support's view of why a user cannot sign in: their recent failures (from the audit log) and the
 * per-account limits that pause sign-in after too many (services/auth/support.ts `limits`), read
 * with the limiter's `peek` so looking uses up no attempt. Unlocking clears those limits, audited.
 * The per-IP limits are not the account's and stay as they are.
 */

/** How many failures the report lists. */
export const RECENT_FAILURES = 20;

type LimitName = (typeof SIGN_IN_LIMITS)[number];
type FailureKind = (typeof SIGN_IN_FAILURE_KINDS)[number];

/** Each limit that can pause the account, with its key for this user. */
function accountLimits(tenantId: string, user: Pick<User, "id" | "email">): Array<{ name: LimitName; key: string; policy: RateLimitPolicy }> {
  const password = signInAccountKey(tenantId, user.email);
  const mfa = mfaAccountKey(tenantId, user.id);
  return [
    { name: "sign_in", key: password, policy: limits.signInPerAccount },
    { name: "sign_in_daily", key: password, policy: limits.signInPerAccountDaily },
    { name: "mfa", key: mfa, policy: limits.mfaPerAccount },
    { name: "mfa_daily", key: mfa, policy: limits.mfaPerAccountDaily },
  ];
}

const FAILURE_ACTIONS: Record<string, FailureKind> = {
  "user.sign_in_failed": "sign_in_failed",
  "user.mfa_failed": "mfa_failed",
  "user.sign_in_paused": "sign_in_paused",
};

export interface SignInLimitState {
  name: LimitName;
  limit: number;
  windowSeconds: number;
  remaining: number;
  locked: boolean;
  resetAt: Date | null;
}

export interface SignInFailure {
  eventId: string;
  occurredAt: Date;
  kind: FailureKind;
  method: string | null;
  reason: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  pausedUntil: Date | null;
}

export interface SignInSecurity {
  locked: boolean;
  lockedUntil: Date | null;
  limits: SignInLimitState[];
  recentFailures: SignInFailure[];
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const instant = (value: unknown) => {
  const time = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? null : new Date(time);
};

async function limitStates(limiter: RateLimiter, tenantId: string, user: Pick<User, "id" | "email">): Promise<SignInLimitState[]> {
  return Promise.all(
    accountLimits(tenantId, user).map(async ({ name, key, policy }) => {
      const state = await limiter.peek(key, policy);
      return {
        name,
        limit: policy.limit,
        windowSeconds: policy.windowSeconds,
        remaining: state.remaining,
        locked: !state.success,
        resetAt: state.remaining < policy.limit ? new Date(state.resetAt) : null,
      };
    }),
  );
}

async function recentFailures(db: Executor, tenantId: string, userId: string): Promise<SignInFailure[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        eq(auditEvents.targetType, "user"),
        eq(auditEvents.targetId, userId),
        inArray(auditEvents.action, Object.keys(FAILURE_ACTIONS)),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(RECENT_FAILURES);
  return rows.map((row) => {
    const data = row.data as Record<string, unknown>;
    const kind = FAILURE_ACTIONS[row.action]!;
    return {
      eventId: row.id,
      occurredAt: row.occurredAt,
      kind,
      method: text(data.method),
      reason: text(data.reason),
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      pausedUntil: kind === "sign_in_paused" ? instant(data.until) : null,
    };
  });
}

/** The report for one user of the tenant (not_found for anyone else's). Counts no attempt. */
export async function signInSecurity(db: Executor, limiter: RateLimiter, input: { tenantId: string; userId: string }): Promise<SignInSecurity> {
  const user = await getUser(db, input.tenantId, input.userId);
  const [states, failures] = await Promise.all([limitStates(limiter, input.tenantId, user), recentFailures(db, input.tenantId, user.id)]);
  const locked = states.filter((s) => s.locked);
  const lockedUntil = locked.length > 0 ? new Date(Math.max(...locked.map((s) => s.resetAt!.getTime()))) : null;
  return { locked: locked.length > 0, lockedUntil, limits: states, recentFailures: failures };
}

/**
 * Clears the account's sign-in limits so the user can try again at once, and audits
 * `user.unlocked` with who did it and what was locked. The event is written first: an unlock that
 * happened is never missing from the log. Answers the report afterwards.
 */
export async function unlockUser(
  db: Db,
  limiter: RateLimiter,
  ctx: RequestContext,
  input: { tenantId: string; userId: string },
): Promise<SignInSecurity> {
  const user = await getUser(db, input.tenantId, input.userId);
  const before = await limitStates(limiter, input.tenantId, user);
  await db.transaction((tx) =>
    recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "user.unlocked",
      targetType: "user",
      targetId: user.id,
      data: { wasLocked: before.some((s) => s.locked), lockedLimits: before.filter((s) => s.locked).map((s) => s.name) },
    }),
  );
  for (const { key, policy } of accountLimits(input.tenantId, user)) await limiter.reset(key, policy);
  return signInSecurity(db, limiter, input);
}
