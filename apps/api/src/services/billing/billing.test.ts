import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { outcomeOf } from "../../../test/service-errors";
import { getTestInstance } from "../../../test/instance";
import { developmentBillingProvider } from "../../lib/billing";
import { systemContext } from "../context";
import { createTenant } from "../tenants/tenants";
import { changePlan, getBilling, listInvoices, monthOf } from "./billing";

let database: TestDatabase;
const provider = developmentBillingProvider();
const NOW = new Date("2031-05-17T10:00:00.000Z");

beforeAll(async () => {
  ({ database } = await getTestInstance());
});
afterAll(async () => {
  await database?.dispose();
});

const tenant = (slug: string) => createTenant(database.db, systemContext, { slug, name: slug });

/** `n` users of the tenant, whose last sign-in was at `at` (null: never). */
async function people(tenantId: string, n: number, at: Date | null, label: string) {
  await database.db.insert(users).values(Array.from({ length: n }, (_, i) => ({ tenantId, email: `${label}${i}@example.com`, lastSignInAt: at })));
}

describe("billing", () => {
  it("starts on Free, counting this month's active users against its cap", async () => {
    const t = await tenant("bill-free");
    await people(t.id, 3, new Date("2031-05-02T00:00:00Z"), "this-month");
    await people(t.id, 2, new Date("2031-04-30T23:59:59Z"), "last-month");
    await people(t.id, 1, null, "never");
    const billing = await getBilling(database.db, provider, { tenantId: t.id, now: NOW });
    expect(billing.plan).toMatchObject({ key: "free", priceMonthlyMinor: 0, monthlyActiveUsers: 1_000 });
    expect(billing.usage).toEqual({ monthlyActiveUsers: 3, limit: 1_000, overLimit: false });
    expect(billing.period).toEqual(monthOf(NOW));
    expect(billing.period.start.toISOString()).toBe("2031-05-01T00:00:00.000Z");
    expect(billing.provider).toBe("development");
    expect(billing.plans.map((p) => p.key)).toEqual(["free", "pro", "enterprise"]);
  });

  it("says when a tenant is over its plan's cap", async () => {
    const t = await tenant("bill-over");
    await people(t.id, 1_001, new Date("2031-05-10T00:00:00Z"), "busy");
    expect((await getBilling(database.db, provider, { tenantId: t.id, now: NOW })).usage).toEqual({ monthlyActiveUsers: 1_001, limit: 1_000, overLimit: true });
    await database.db.transaction((tx) => changePlan(tx, provider, systemContext, { tenantId: t.id, plan: "pro", now: NOW }));
    expect((await getBilling(database.db, provider, { tenantId: t.id, now: NOW })).usage.overLimit).toBe(false);
  });

  it("changes plan through the provider: a paid plan raises a paid invoice, Free none; audited; the same plan is a conflict", async () => {
    const t = await tenant("bill-change");
    const up = await database.db.transaction((tx) => changePlan(tx, provider, systemContext, { tenantId: t.id, plan: "pro", now: NOW }));
    expect(up.invoice).toMatchObject({ number: "PL-2031-000001", plan: "pro", amountMinor: 9_900, currency: "usd", status: "paid" });
    expect((await getBilling(database.db, provider, { tenantId: t.id, now: NOW })).plan.key).toBe("pro");
    expect(await outcomeOf(database.db.transaction((tx) => changePlan(tx, provider, systemContext, { tenantId: t.id, plan: "pro", now: NOW })))).toBe("conflict");

    const enterprise = await database.db.transaction((tx) => changePlan(tx, provider, systemContext, { tenantId: t.id, plan: "enterprise", now: NOW }));
    expect(enterprise.invoice).toMatchObject({ number: "PL-2031-000002", amountMinor: 49_900 });
    const down = await database.db.transaction((tx) => changePlan(tx, provider, systemContext, { tenantId: t.id, plan: "free", now: NOW }));
    expect(down.invoice).toBeNull();
    expect((await listInvoices(database.db, t.id)).map((i) => i.number)).toEqual(["PL-2031-000002", "PL-2031-000001"]);

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, t.id), eq(auditEvents.action, "billing.plan_changed")));
    expect(events.map((e) => e.data)).toEqual([
      { from: "free", to: "pro", invoice: "PL-2031-000001" },
      { from: "pro", to: "enterprise", invoice: "PL-2031-000002" },
      { from: "enterprise", to: "free" },
    ]);
  });

  it("keeps each tenant's plan and invoices its own", async () => {
    const a = await tenant("bill-a");
    const b = await tenant("bill-b");
    await database.db.transaction((tx) => changePlan(tx, provider, systemContext, { tenantId: a.id, plan: "pro", now: NOW }));
    expect((await getBilling(database.db, provider, { tenantId: b.id, now: NOW })).plan.key).toBe("free");
    expect(await listInvoices(database.db, b.id)).toEqual([]);
  });
});
