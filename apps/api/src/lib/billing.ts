import { randomUUID } from "node:crypto";
import type { PlanKey } from "@plinto/contracts";

/**
 * What Plinto needs from a payment provider (Stripe, Paddle, …): a customer per tenant, a
 * subscription moved between plans, and the invoice that move raised. Entitlements (which plan a
 * tenant is on) are Plinto's record; money is the provider's.
 */
export interface BillingProvider {
  /** Shown in the admin dashboard and the API, e.g. `development`. */
  readonly name: string;
  ensureCustomer(tenant: { id: string; slug: string; name: string }, existingCustomerId: string | null): Promise<{ customerId: string }>;
  changePlan(input: {
    customerId: string;
    subscriptionId: string | null;
    plan: PlanKey;
    amountMinor: number;
    currency: string;
    periodStart: Date;
    periodEnd: Date;
  }): Promise<{ subscriptionId: string; invoice: { providerInvoiceId: string; status: "paid" | "open" } | null }>;
}

/**
 * The provider for development and tests: no network and no money. Every plan change is paid at
 * once, so the whole flow (plan change, invoice, usage against the new cap) works on a laptop.
 */
export function developmentBillingProvider(): BillingProvider {
  return {
    name: "development",
    async ensureCustomer(tenant, existing) {
      return { customerId: existing ?? `dev_cus_${tenant.id}` };
    },
    async changePlan(input) {
      const subscriptionId = input.subscriptionId ?? `dev_sub_${randomUUID()}`;
      const invoice = input.amountMinor > 0 ? { providerInvoiceId: `dev_in_${randomUUID()}`, status: "paid" as const } : null;
      return { subscriptionId, invoice };
    },
  };
}
