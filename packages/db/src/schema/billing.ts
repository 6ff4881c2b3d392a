import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { at, id, tenantId, timestamps } from "./columns";

export type PlanKey = "free" | "pro" | "enterprise";
export type InvoiceStatus = "paid" | "open" | "void";

/**
 * A tenant's plan. One row per tenant (none means the free plan); the payment provider's own ids
 * are kept so the provider stays the record of money, and this the record of entitlements.
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    tenantId: tenantId().primaryKey(),
    plan: text("plan").$type<PlanKey>().notNull().default("free"),
    provider: text("provider").notNull(),
    providerCustomerId: text("provider_customer_id"),
    providerSubscriptionId: text("provider_subscription_id"),
    currentPeriodStart: at("current_period_start").notNull(),
    currentPeriodEnd: at("current_period_end").notNull(),
    ...timestamps,
  },
);

/** What the payment provider billed a tenant, as it reported it. Amounts in minor units (cents). */
export const invoices = pgTable(
  "invoices",
  {
    tenantId: tenantId(),
    id: id("invoice"),
    number: text("number").notNull(),
    plan: text("plan").$type<PlanKey>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status").$type<InvoiceStatus>().notNull(),
    periodStart: at("period_start").notNull(),
    periodEnd: at("period_end").notNull(),
    providerInvoiceId: text("provider_invoice_id"),
    issuedAt: at("issued_at").notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [index("invoices_tenant_issued_idx").on(t.tenantId, t.issuedAt)],
);
