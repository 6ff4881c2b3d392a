import type { getBilling, Invoice } from "../../../services/billing/billing";

const iso = (at: Date) => at.toISOString();

export function billingJson(billing: Awaited<ReturnType<typeof getBilling>>) {
  return { ...billing, period: { start: iso(billing.period.start), end: iso(billing.period.end) } };
}

export function invoiceJson(invoice: Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    plan: invoice.plan,
    amountMinor: invoice.amountMinor,
    currency: invoice.currency,
    status: invoice.status,
    periodStart: iso(invoice.periodStart),
    periodEnd: iso(invoice.periodEnd),
    issuedAt: iso(invoice.issuedAt),
  };
}
