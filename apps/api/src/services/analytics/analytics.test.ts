import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, credentials, sessions, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { serviceErrorOf } from "../../../test/service-errors";
import { hashToken, randomToken } from "../../lib/crypto";
import { auditHash } from "../audit/audit";
import { systemContext } from "../context";
import { createTenant } from "../tenants/tenants";
import { analyticsSummary, analyticsTimeseries } from "./analytics";

/**
 * Numbers counted from rows written at chosen moments, in one tenant beside another whose rows
 * must never count. Every range is given, so the answers do not depend on today's date.
 */

let database: TestDatabase;
let tenantId: string;
let otherId: string;
const ids: Record<string, string> = {};

const t = (iso: string) => new Date(iso);

async function user(tenant: string, email: string, createdAt: string) {
  const [row] = await database.db.insert(users).values({ tenantId: tenant, email, createdAt: t(createdAt), emailVerifiedAt: t(createdAt) }).returning();
  return row!.id;
}

/** An audit event at a chosen moment, appended to the tenant's chain. */
async function event(tenant: string, action: string, at: string, actorId?: string) {
  const [last] = await database.db
    .select({ seq: sql<number>`coalesce(max(${auditEvents.seq}), 0)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, tenant));
  const fields = {
    tenantId: tenant,
    seq: Number(last!.seq) + 1,
    occurredAt: t(at),
    action,
    actorType: actorId ? ("user" as const) : ("system" as const),
    actorId: actorId ?? null,
    targetType: null,
    targetId: null,
    ipAddress: null,
    userAgent: null,
    data: {},
    prevHash: null,
  };
  await database.db.insert(auditEvents).values({ ...fields, hash: auditHash(fields) });
}

async function factor(tenant: string, userId: string, type: "totp" | "passkey" | "password", verifiedAt: string | null) {
  await database.db.insert(credentials).values({
    tenantId: tenant,
    userId,
    type,
    verifiedAt: verifiedAt ? t(verifiedAt) : null,
    ...(type === "passkey" ? { passkeyId: randomToken(16) } : {}),
  });
}

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug: "numbers", name: "Numbers" })).id;
  otherId = (await createTenant(database.db, systemContext, { slug: "numbers-other", name: "Other" })).id;

  ids.ada = await user(tenantId, "ada@numbers.example", "2026-03-01T10:00:00Z");
  ids.bob = await user(tenantId, "bob@numbers.example", "2026-03-03T23:59:59Z");
  ids.cy = await user(tenantId, "cy@numbers.example", "2026-02-27T12:00:00Z");
  ids.di = await user(tenantId, "di@numbers.example", "2026-03-08T00:00:00Z"); // at `to`: outside
  ids.oz = await user(otherId, "oz@other.example", "2026-03-02T12:00:00Z");

  await event(tenantId, "session.created", "2026-02-20T09:00:00Z", ids.cy);
  await event(tenantId, "session.created", "2026-03-01T12:00:00Z", ids.ada);
  await event(tenantId, "session.created", "2026-03-01T13:00:00Z", ids.ada);
  await event(tenantId, "session.created", "2026-03-04T08:00:00Z", ids.bob);
  await event(tenantId, "user.signed_in", "2026-03-04T08:00:00Z", ids.bob); // a passkey sign-in: the same sign-in
  await event(tenantId, "user.sign_in_failed", "2026-03-02T01:00:00Z");
  await event(tenantId, "user.sign_in_failed", "2026-03-02T02:00:00Z");
  await event(tenantId, "user.sign_in_failed", "2026-03-07T23:59:59Z");
  // cy used a session on 5 March without signing in again.
  await database.db.insert(sessions).values({
    tenantId,
    userId: ids.cy,
    tokenHash: hashToken(randomToken(32)),
    authTime: t("2026-02-20T09:00:00Z"),
    lastActiveAt: t("2026-03-05T09:00:00Z"),
    expiresAt: t("2026-04-20T09:00:00Z"),
  });

  await factor(tenantId, ids.ada, "totp", "2026-03-01T10:05:00Z");
  await factor(tenantId, ids.bob, "totp", null); // never confirmed
  await factor(tenantId, ids.cy, "password", "2026-02-27T12:00:00Z");
  await factor(tenantId, ids.di, "passkey", "2026-03-08T00:00:00Z");

  // The other tenant: busy in the same days; none of it may count above.
  for (const at of ["2026-03-01T12:00:00Z", "2026-03-02T12:00:00Z", "2026-03-04T12:00:00Z"]) {
    await event(otherId, "session.created", at, ids.oz);
    await event(otherId, "user.sign_in_failed", at);
  }
  await factor(otherId, ids.oz!, "totp", "2026-03-01T00:00:00Z");
});
afterAll(async () => {
  await database?.dispose();
});

const week = { from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z" };
const values = async (metric: Parameters<typeof analyticsTimeseries>[1]["metric"], interval: "day" | "month" = "day", range = week) =>
  (await analyticsTimeseries(database.db, { tenantId, metric, interval, ...range })).points.map((p) => p.value);

describe("analytics summary", () => {
  it("counts the range's sign-ups, sign-ins, active users and MFA adoption of one tenant", async () => {
    expect(await analyticsSummary(database.db, { tenantId, ...week })).toEqual({
      range: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-08T00:00:00.000Z" },
      signUps: 2,
      signInsSucceeded: 3,
      signInsFailed: 3,
      activeUsers: 3,
      dailyActiveUsers: 0,
      monthlyActiveUsers: 3,
      // ada has a confirmed authenticator app; bob's was never confirmed; cy has a password only.
      mfaAdoption: { activeUsers: 3, withSecondFactor: 1, rate: 1 / 3 },
    });
  });

  it("counts daily and monthly active users up to `to`", async () => {
    const summary = await analyticsSummary(database.db, { tenantId, from: "2026-03-04T00:00:00Z", to: "2026-03-05T12:00:00Z" });
    // The 24 hours before noon on 5 March: cy's session (bob's sign-in was at 08:00 the day before).
    expect(summary.dailyActiveUsers).toBe(1);
    expect(summary.monthlyActiveUsers).toBe(3);
    expect(summary.activeUsers).toBe(2);
    expect(summary.signUps).toBe(0);
  });

  it("has no adoption rate when no one was active", async () => {
    const summary = await analyticsSummary(database.db, { tenantId, from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z" });
    expect(summary.mfaAdoption).toEqual({ activeUsers: 0, withSecondFactor: 0, rate: null });
  });

  it("counts the other tenant's numbers only for it", async () => {
    const summary = await analyticsSummary(database.db, { tenantId: otherId, ...week });
    expect(summary).toMatchObject({ signUps: 1, signInsSucceeded: 3, signInsFailed: 3, activeUsers: 1, mfaAdoption: { rate: 1 } });
  });
});

describe("analytics timeseries", () => {
  it("gives one point per UTC day, empty days as 0", async () => {
    const series = await analyticsTimeseries(database.db, { tenantId, metric: "sign_ups", interval: "day", ...week });
    expect(series.points.map((p) => p.start)).toEqual(
      ["01", "02", "03", "04", "05", "06", "07"].map((d) => `2026-03-${d}T00:00:00.000Z`),
    );
    expect(series.points.map((p) => p.value)).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(await values("sign_ins_succeeded")).toEqual([2, 0, 0, 1, 0, 0, 0]);
    expect(await values("sign_ins_failed")).toEqual([0, 2, 0, 0, 0, 0, 1]);
  });

  it("counts each active user once a day, from sign-ins and session use", async () => {
    expect(await values("daily_active_users")).toEqual([1, 0, 0, 1, 1, 0, 0]);
  });

  it("counts monthly active users over the 30 days up to each day", async () => {
    // cy signed in on 20 February: inside every window of this week.
    expect(await values("monthly_active_users")).toEqual([2, 2, 2, 3, 3, 3, 3]);
  });

  it("gives one point per UTC month", async () => {
    const quarter = { from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };
    const series = await analyticsTimeseries(database.db, { tenantId, metric: "monthly_active_users", interval: "month", ...quarter });
    expect(series.points).toEqual([
      { start: "2026-01-01T00:00:00.000Z", value: 0 },
      { start: "2026-02-01T00:00:00.000Z", value: 1 },
      { start: "2026-03-01T00:00:00.000Z", value: 3 },
    ]);
    expect(await values("sign_ups", "month", quarter)).toEqual([0, 1, 3]);
  });

  it("counts only inside the range when it starts or ends mid-day", async () => {
    // From 1 March 12:30: ada's 12:00 sign-in is outside, her 13:00 one inside.
    expect(await values("sign_ins_succeeded", "day", { from: "2026-03-01T12:30:00Z", to: "2026-03-02T06:00:00Z" })).toEqual([1, 0]);
  });

  it("counts by UTC day and month whatever the database session's time zone", async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Auckland'`);
      const daily = await analyticsTimeseries(tx, { tenantId, metric: "sign_ups", interval: "day", ...week });
      expect(daily.points.map((p) => [p.start.slice(0, 10), p.value])).toEqual([
        ["2026-03-01", 1], ["2026-03-02", 0], ["2026-03-03", 1], ["2026-03-04", 0], ["2026-03-05", 0], ["2026-03-06", 0], ["2026-03-07", 0],
      ]);
      const monthly = await analyticsTimeseries(tx, { tenantId, metric: "sign_ups", interval: "month", from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" });
      expect(monthly.points).toEqual([
        { start: "2026-01-01T00:00:00.000Z", value: 0 },
        { start: "2026-02-01T00:00:00.000Z", value: 1 },
        { start: "2026-03-01T00:00:00.000Z", value: 3 },
      ]);
    });
  });

  it("counts the other tenant's numbers only for it", async () => {
    const series = await analyticsTimeseries(database.db, { tenantId: otherId, metric: "sign_ins_failed", interval: "day", ...week });
    expect(series.points.map((p) => p.value)).toEqual([1, 1, 0, 1, 0, 0, 0]);
  });
});

describe("analytics ranges", () => {
  it("refuses a range that ends before it starts, or is too long", async () => {
    const backwards = await serviceErrorOf(analyticsSummary(database.db, { tenantId, from: week.to, to: week.from }));
    expect(backwards.code).toBe("validation_failed");
    const empty = await serviceErrorOf(analyticsTimeseries(database.db, { tenantId, metric: "sign_ups", interval: "day", from: week.from, to: week.from }));
    expect(empty.code).toBe("validation_failed");
    const long = await serviceErrorOf(
      analyticsTimeseries(database.db, { tenantId, metric: "sign_ups", interval: "day", from: "2025-01-01T00:00:00Z", to: "2026-01-03T00:00:00Z" }),
    );
    expect(long.message).toContain("366 days");
    // The same span counted by month is fine.
    expect(await values("sign_ups", "month", { from: "2025-01-01T00:00:00Z", to: "2026-01-03T00:00:00Z" })).toHaveLength(13);
  });

  it("refuses daily active users counted by month", async () => {
    const error = await serviceErrorOf(analyticsTimeseries(database.db, { tenantId, metric: "daily_active_users", interval: "month", ...week }));
    expect(error.fields).toEqual([expect.objectContaining({ path: "interval" })]);
  });

  it("defaults to the 30 days up to now", async () => {
    const now = new Date("2026-03-08T00:00:00Z");
    const series = await analyticsTimeseries(database.db, { tenantId, metric: "sign_ups", interval: "day", now });
    expect(series.range).toEqual({ from: "2026-02-06T00:00:00.000Z", to: "2026-03-08T00:00:00.000Z" });
    expect(series.points).toHaveLength(30);
    expect(series.points.reduce((sum, p) => sum + p.value, 0)).toBe(3);
  });
});
