import { sql, type SQL } from "drizzle-orm";
import { ANALYTICS_MAX_RANGE_DAYS, type AnalyticsInterval, type AnalyticsMetric, type AnalyticsSummary, type AnalyticsTimeseries } from "@plinto/contracts";
import { rows, type Executor } from "@plinto/db";
import { ServiceError } from "../errors";

/**
 * A tenant's numbers, counted from what it already records: users (sign-ups), sessions (activity)
 * and audit events (sign-ins that started a session, refused sign-ins). Days and months are UTC; a
 * range includes `from` and excludes `to`. Every query filters by the tenant first.
 */

const DAY_MS = 86_400_000;
/** A user is "monthly active" when active in the 30 days up to and including the day. */
const MONTH_WINDOW_DAYS = 30;

/** Successful sign-ins: every one starts a session and records `session.created`. */
const SIGNED_IN = "session.created";
/** A passkey sign-in also records `user.signed_in`; the same user, so it only adds to activity. */
const ACTIVITY_ACTIONS = [SIGNED_IN, "user.signed_in"];
const SIGN_IN_FAILED = "user.sign_in_failed";

export interface AnalyticsRangeInput {
  tenantId: string;
  from?: string | undefined;
  to?: string | undefined;
  now?: Date;
}

export interface Range {
  from: Date;
  to: Date;
}

/**
 * The range asked for, checked: `to` defaults to now, `from` to 30 days before `to` (12 months for
 * a monthly series); `from` must come before `to`, and the range may not be longer than the cap.
 */
export function resolveRange(input: AnalyticsRangeInput, interval: AnalyticsInterval = "day"): Range {
  const to = input.to ? new Date(input.to) : (input.now ?? new Date());
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - (interval === "month" ? 365 : 30) * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new ServiceError("validation_failed", "from must come before to", [{ path: "from", message: "from must come before to" }]);
  }
  const max = ANALYTICS_MAX_RANGE_DAYS[interval];
  if (to.getTime() - from.getTime() > max * DAY_MS) {
    const message = `A ${interval === "day" ? "daily" : "monthly"} range is at most ${max} days`;
    throw new ServiceError("validation_failed", message, [{ path: "from", message }]);
  }
  return { from, to };
}

const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const actions = (list: string[]) => sql.join(list.map((a) => sql`${a}`), sql`, `);

/** Users who signed in or used a session, one row per sign-in or session, between lo and hi. */
function activity(tenantId: string, lo: Date, hi: Date): SQL {
  return sql`
    select actor_id as user_id, occurred_at as at from audit_events
     where tenant_id = ${tenantId} and actor_type = 'user' and actor_id is not null
       and action in (${actions(ACTIVITY_ACTIONS)}) and occurred_at >= ${iso(lo)} and occurred_at < ${iso(hi)}
    union all
    select user_id, last_active_at from sessions
     where tenant_id = ${tenantId} and last_active_at >= ${iso(lo)} and last_active_at < ${iso(hi)}`;
}

function auditCount(tenantId: string, action: string, range: Range): SQL {
  return sql`(select count(*)::int from audit_events
    where tenant_id = ${tenantId} and action = ${action} and occurred_at >= ${iso(range.from)} and occurred_at < ${iso(range.to)})`;
}

interface SummaryRow {
  sign_ups: number;
  sign_ins_succeeded: number;
  sign_ins_failed: number;
  active_users: number;
  daily_active_users: number;
  monthly_active_users: number;
  with_second_factor: number;
}

/** The range's totals, the active users of the last day and 30 days up to `to`, and MFA adoption. */
export async function analyticsSummary(db: Executor, input: AnalyticsRangeInput): Promise<AnalyticsSummary> {
  const range = resolveRange(input);
  const { tenantId } = input;
  const dayAgo = new Date(range.to.getTime() - DAY_MS);
  const monthAgo = new Date(range.to.getTime() - MONTH_WINDOW_DAYS * DAY_MS);
  const lo = new Date(Math.min(range.from.getTime(), monthAgo.getTime()));
  const result = await db.execute(sql`
    with activity as (${activity(tenantId, lo, range.to)}),
    active as (select distinct user_id from activity where at >= ${iso(range.from)})
    select
      (select count(*)::int from users
        where tenant_id = ${tenantId} and created_at >= ${iso(range.from)} and created_at < ${iso(range.to)}) as sign_ups,
      ${auditCount(tenantId, SIGNED_IN, range)} as sign_ins_succeeded,
      ${auditCount(tenantId, SIGN_IN_FAILED, range)} as sign_ins_failed,
      (select count(*)::int from active) as active_users,
      (select count(distinct user_id)::int from activity where at >= ${iso(dayAgo)}) as daily_active_users,
      (select count(distinct user_id)::int from activity where at >= ${iso(monthAgo)}) as monthly_active_users,
      (select count(*)::int from active a where exists (
        select 1 from credentials c
         where c.tenant_id = ${tenantId} and c.user_id = a.user_id and c.type in ('totp', 'passkey') and c.verified_at is not null
      )) as with_second_factor`);
  const row = rows<SummaryRow>(result)[0]!;
  const activeUsers = Number(row.active_users);
  const withSecondFactor = Number(row.with_second_factor);
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    signUps: Number(row.sign_ups),
    signInsSucceeded: Number(row.sign_ins_succeeded),
    signInsFailed: Number(row.sign_ins_failed),
    activeUsers,
    dailyActiveUsers: Number(row.daily_active_users),
    monthlyActiveUsers: Number(row.monthly_active_users),
    mfaAdoption: { activeUsers, withSecondFactor, rate: activeUsers === 0 ? null : withSecondFactor / activeUsers },
  };
}

export interface TimeseriesInput extends AnalyticsRangeInput {
  metric: AnalyticsMetric;
  interval: AnalyticsInterval;
}

/** The start of the UTC day or month that holds `date`. */
export function bucketStart(date: Date, interval: AnalyticsInterval): Date {
  return interval === "day"
    ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
    : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/**
 * One metric per UTC day or month of the range, oldest first, 0 where nothing happened. Events
 * count inside the range only, so the first and last day or month may be partial.
 */
export async function analyticsTimeseries(db: Executor, input: TimeseriesInput): Promise<AnalyticsTimeseries> {
  const { tenantId, metric, interval } = input;
  if (metric === "daily_active_users" && interval !== "day") {
    const message = "daily_active_users is counted per day: use interval=day (or monthly_active_users)";
    throw new ServiceError("validation_failed", message, [{ path: "interval", message }]);
  }
  const range = resolveRange(input, interval);
  const rolling = metric === "monthly_active_users" && interval === "day";
  // A rolling 30-day count on the first day of the range looks 29 days further back.
  const lo = rolling ? new Date(bucketStart(range.from, "day").getTime() - (MONTH_WINDOW_DAYS - 1) * DAY_MS) : range.from;

  let events: SQL;
  let counted: SQL;
  switch (metric) {
    case "sign_ups":
      events = sql`select id as user_id, created_at as at from users
        where tenant_id = ${tenantId} and created_at >= ${iso(lo)} and created_at < ${iso(range.to)}`;
      counted = sql`count(*)`;
      break;
    case "sign_ins_succeeded":
    case "sign_ins_failed":
      events = sql`select actor_id as user_id, occurred_at as at from audit_events
        where tenant_id = ${tenantId} and action = ${metric === "sign_ins_succeeded" ? SIGNED_IN : SIGN_IN_FAILED}
          and occurred_at >= ${iso(lo)} and occurred_at < ${iso(range.to)}`;
      counted = sql`count(*)`;
      break;
    case "daily_active_users":
    case "monthly_active_users":
      events = activity(tenantId, lo, range.to);
      counted = sql`count(distinct user_id)`;
      break;
  }
  const step = sql`${interval === "day" ? "1 day" : "1 month"}::interval`;
  // Buckets are UTC wall-clock timestamps (no time zone), so months and days never shift with the
  // session's TimeZone; `at time zone 'UTC'` turns them back into instants to compare with events.
  const windowStart = rolling ? sql`((b.start - ${`${MONTH_WINDOW_DAYS - 1} days`}::interval) at time zone 'UTC')` : sql`(b.start at time zone 'UTC')`;
  const result = await db.execute(sql`
    with events as (${events})
    select to_char(b.start, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as start,
      (select ${counted}::int from events e where e.at >= ${windowStart} and e.at < ((b.start + ${step}) at time zone 'UTC')) as value
    from generate_series(
      ${bucketStart(range.from, interval).toISOString().slice(0, 19)}::timestamp,
      ${new Date(range.to.getTime() - 1).toISOString().slice(0, 23)}::timestamp,
      ${step}
    ) as b(start)
    order by b.start`);
  return {
    metric,
    interval,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    points: rows<{ start: string; value: number }>(result).map((r) => ({ start: r.start, value: Number(r.value) })),
  };
}
