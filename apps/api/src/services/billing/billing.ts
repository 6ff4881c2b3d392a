import { and, count, desc, eq, gte, ne } from "drizzle-orm";
import { BILLING_CURRENCY, PLANS, PLAN_KEYS, type PlanKey } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { invoices, subscriptions, tenants, users } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import type { BillingProvider } from "../../lib/billing";

export type Invoice = typeof invoices.$inferSelect;

/** Plans bill by calendar month (UTC); the current period holds `now`. */
export function monthOf(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

export const planView = (key: PlanKey) => ({ key, ...PLANS[key], features: [...PLANS[key].features], currency: BILLING_CURRENCY });

/** Users of the tenant who signed in since `since` (their last sign-in is then, or later). */
async function monthlyActiveUsers(db: Executor, tenantId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), ne(users.status, "deleted"), gte(users.lastSignInAt, since)));
  return Number(row?.n ?? 0);
}

async function subscriptionOf(db: Executor, tenantId: string) {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId)).limit(1);
  return row;
}

/** The tenant's plan (Free without a subscription), this month's active users against its cap, and the plans on offer. */
export async function getBilling(db: Executor, provider: BillingProvider, input: { tenantId: string; now?: Date }) {
  const period = monthOf(input.now ?? new Date());
  const plan = (await subscriptionOf(db, input.tenantId))?.plan ?? "free";
  const limit = PLANS[plan].monthlyActiveUsers;
  const active = await monthlyActiveUsers(db, input.tenantId, period.start);
  return {
    plan: planView(plan),
    period,
    usage: { monthlyActiveUsers: active, limit, overLimit: limit !== null && active > limit },
    provider: provider.name,
    plans: PLAN_KEYS.map(planView),
  };
}

/**
 * Moves the tenant to `plan` through the payment provider and records the invoice it raised (a
 * paid plan bills the month it starts in). Audited as `billing.plan_changed`. Moving to the plan
 * the tenant is on is a conflict.
 */
export async function changePlan(tx: Executor, provider: BillingProvider, ctx: RequestContext, input: { tenantId: string; plan: PlanKey; now?: Date }) {
  const now = input.now ?? new Date();
  const period = monthOf(now);
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  const current = await subscriptionOf(tx, input.tenantId);
  const from = current?.plan ?? "free";
  if (from === input.plan) throw new ServiceError("conflict", `The tenant is already on the ${PLANS[from].name} plan`);

  const { customerId } = await provider.ensureCustomer(tenant, current?.providerCustomerId ?? null);
  const amountMinor = PLANS[input.plan].priceMonthlyMinor;
  const changed = await provider.changePlan({
    customerId,
    subscriptionId: current?.providerSubscriptionId ?? null,
    plan: input.plan,
    amountMinor,
    currency: BILLING_CURRENCY,
    periodStart: period.start,
    periodEnd: period.end,
  });
  const values = {
    plan: input.plan,
    provider: provider.name,
    providerCustomerId: customerId,
    providerSubscriptionId: changed.subscriptionId,
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
  };
  await tx
    .insert(subscriptions)
    .values({ tenantId: input.tenantId, ...values })
    .onConflictDoUpdate({ target: subscriptions.tenantId, set: { ...values, updatedAt: now } });

  let invoice: Invoice | null = null;
  if (changed.invoice) {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(invoices).where(eq(invoices.tenantId, input.tenantId));
    const [row] = await tx
      .insert(invoices)
      .values({
        tenantId: input.tenantId,
        number: `PL-${now.getUTCFullYear()}-${String(Number(n) + 1).padStart(6, "0")}`,
        plan: input.plan,
        amountMinor,
        currency: BILLING_CURRENCY,
        status: changed.invoice.status,
        periodStart: period.start,
        periodEnd: period.end,
        providerInvoiceId: changed.invoice.providerInvoiceId,
        issuedAt: now,
      })
      .returning();
    invoice = row!;
  }
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "billing.plan_changed",
    targetType: "tenant",
    targetId: input.tenantId,
    data: { from, to: input.plan, ...(invoice ? { invoice: invoice.number } : {}) },
  });
  return { invoice };
}

/** The tenant's invoices, newest first. */
export async function listInvoices(db: Executor, tenantId: string): Promise<Invoice[]> {
  return db.select().from(invoices).where(eq(invoices.tenantId, tenantId)).orderBy(desc(invoices.issuedAt), desc(invoices.id));
}
