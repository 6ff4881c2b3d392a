/** The ranges the analytics page offers: a few days by day, a year by month. All UTC. */
export const RANGES = {
  "7d": { label: "Last 7 days", days: 7, interval: "day" },
  "30d": { label: "Last 30 days", days: 30, interval: "day" },
  "90d": { label: "Last 90 days", days: 90, interval: "day" },
  "12m": { label: "Last 12 months", days: 0, interval: "month" },
} as const;
export type RangeKey = keyof typeof RANGES;
export const DEFAULT_RANGE: RangeKey = "30d";

export function rangeKeyOf(value: unknown): RangeKey {
  return typeof value === "string" && value in RANGES ? (value as RangeKey) : DEFAULT_RANGE;
}

/**
 * The range up to `now`: whole UTC days back to the start of the first one (today counts as one),
 * or whole months back to the first of the month eleven months ago (this month counts as one).
 */
export function rangeOf(key: RangeKey, now: Date): { from: Date; to: Date; interval: "day" | "month" } {
  const range = RANGES[key];
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const from = range.interval === "month" ? new Date(Date.UTC(y, m - 11, 1)) : new Date(Date.UTC(y, m, now.getUTCDate() - (range.days - 1)));
  return { from, to: now, interval: range.interval };
}

/** A day or month as the charts label it, e.g. "24 Nov" or "Nov 2026". */
export function bucketLabel(start: string, interval: "day" | "month"): string {
  const options: Intl.DateTimeFormatOptions =
    interval === "day" ? { day: "numeric", month: "short", timeZone: "UTC" } : { month: "short", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat("en-GB", options).format(new Date(start));
}
