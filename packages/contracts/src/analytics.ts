import { z } from "zod";
import { managed, type Operation } from "./operation";

/**
 * A tenant's sign-up, sign-in and activity numbers (`/v1/analytics`, API key or admin token with
 * `analytics:read`). Days and months are UTC. A range runs from `from` (included) to `to` (not
 * included); without them it is the 30 days up to now (12 months for a monthly series).
 *
 * - sign_ups: users created.
 * - sign_ins_succeeded: sessions started (every successful sign-in starts one).
 * - sign_ins_failed: refused sign-in attempts (wrong password, unknown email, refused passkey …).
 * - daily_active_users: distinct users who signed in or used a session that day.
 * - monthly_active_users: distinct such users in the month (monthly series), or in the 30 days up to
 *   and including the day (daily series).
 */

const timestamp = z.iso.datetime({ offset: true });

export const ANALYTICS_METRICS = ["sign_ups", "daily_active_users", "monthly_active_users", "sign_ins_succeeded", "sign_ins_failed"] as const;
export type AnalyticsMetric = (typeof ANALYTICS_METRICS)[number];
export const ANALYTICS_INTERVALS = ["day", "month"] as const;
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number];

/** The longest range one request may ask for, in days: a year of days, three years of months. */
export const ANALYTICS_MAX_RANGE_DAYS: Record<AnalyticsInterval, number> = { day: 366, month: 1096 };

const range = {
  from: timestamp.optional().describe("Start of the range (included), ISO 8601 with an offset"),
  to: timestamp.optional().describe("End of the range (not included), ISO 8601 with an offset; defaults to now"),
};

/** `GET /v1/analytics/summary` */
export const analyticsSummaryQuerySchema = z.object(range);
export type AnalyticsSummaryQuery = z.infer<typeof analyticsSummaryQuerySchema>;

/** `GET /v1/analytics/timeseries` */
export const analyticsTimeseriesQuerySchema = z.object({
  metric: z.enum(ANALYTICS_METRICS, { error: `metric is one of ${ANALYTICS_METRICS.join(", ")}` }),
  interval: z.enum(ANALYTICS_INTERVALS, { error: "interval is day or month" }).default("day"),
  ...range,
});
export type AnalyticsTimeseriesQuery = z.infer<typeof analyticsTimeseriesQuerySchema>;

const count = z.int().min(0);
const rangeSchema = z.object({ from: timestamp, to: timestamp });

export const analyticsSummarySchema = z.object({
  range: rangeSchema,
  signUps: count.describe("Users created in the range"),
  signInsSucceeded: count.describe("Successful sign-ins (sessions started) in the range"),
  signInsFailed: count.describe("Refused sign-in attempts in the range"),
  activeUsers: count.describe("Distinct users who signed in or used a session in the range"),
  dailyActiveUsers: count.describe("Distinct active users in the 24 hours up to `to`"),
  monthlyActiveUsers: count.describe("Distinct active users in the 30 days up to `to`"),
  mfaAdoption: z
    .object({
      activeUsers: count,
      withSecondFactor: count.describe("Of them, users with a confirmed authenticator app or a passkey"),
      rate: z.number().min(0).max(1).nullable().describe("withSecondFactor / activeUsers; null when no one was active"),
    })
    .describe("Share of the range's active users with a second factor"),
});
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;
export const analyticsSummaryResponseSchema = z.object({ summary: analyticsSummarySchema });

export const analyticsPointSchema = z.object({
  start: timestamp.describe("Start of the day or month (UTC)"),
  value: count,
});
export const analyticsTimeseriesSchema = z.object({
  metric: z.enum(ANALYTICS_METRICS),
  interval: z.enum(ANALYTICS_INTERVALS),
  range: rangeSchema,
  points: z.array(analyticsPointSchema).describe("One point per day or month of the range, oldest first; 0 where nothing happened"),
});
export type AnalyticsTimeseries = z.infer<typeof analyticsTimeseriesSchema>;
export const analyticsTimeseriesResponseSchema = z.object({ timeseries: analyticsTimeseriesSchema });

// ── Examples and operations ───────────────────────────────────────────────────────────────────

const exampleRange = { from: "2026-11-24T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" };
const tag = "Analytics";

export const analyticsOperations: Operation[] = [
  {
    method: "get", path: "/v1/analytics/summary", operationId: "getAnalyticsSummary", tag, security: "management", scope: "analytics:read",
    summary: "Sign-ups, sign-ins, active users and MFA adoption over a range",
    query: analyticsSummaryQuerySchema,
    success: { status: 200, description: "The range's numbers", schema: analyticsSummaryResponseSchema },
    errors: [...managed, "validation_failed"],
    examples: {
      response: {
        summary: {
          range: exampleRange,
          signUps: 12,
          signInsSucceeded: 340,
          signInsFailed: 17,
          activeUsers: 96,
          dailyActiveUsers: 41,
          monthlyActiveUsers: 180,
          mfaAdoption: { activeUsers: 96, withSecondFactor: 24, rate: 0.25 },
        },
      },
    },
  },
  {
    method: "get", path: "/v1/analytics/timeseries", operationId: "getAnalyticsTimeseries", tag, security: "management", scope: "analytics:read",
    summary: "One metric per day or month over a range, with 0 for days or months when nothing happened",
    query: analyticsTimeseriesQuerySchema,
    success: { status: 200, description: "The metric's points", schema: analyticsTimeseriesResponseSchema },
    errors: [...managed, "validation_failed"],
    examples: {
      response: {
        timeseries: {
          metric: "sign_ups",
          interval: "day",
          range: exampleRange,
          points: [
            { start: "2026-11-24T00:00:00.000Z", value: 4 },
            { start: "2026-11-25T00:00:00.000Z", value: 0 },
            { start: "2026-11-26T00:00:00.000Z", value: 8 },
          ],
        },
      },
    },
  },
];
