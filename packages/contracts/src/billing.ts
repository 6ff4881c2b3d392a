import { z } from "zod";
import { managed, bodyErrors, type Operation } from "./operation";

/**
 * Plinto's plans. A plan caps monthly active users (people who signed in this calendar month) and
 * names the features it includes; `null` means no cap. Prices are per month, in cents.
 */
export const PLANS = {
  free: {
    name: "Free",
    priceMonthlyMinor: 0,
    monthlyActiveUsers: 1_000,
    features: ["Hosted sign-in and sign-up", "Passkeys and MFA", "Organizations (up to 5)", "Community support"],
  },
  pro: {
    name: "Pro",
    priceMonthlyMinor: 9_900,
    monthlyActiveUsers: 10_000,
    features: ["Everything in Free", "Unlimited organizations", "Custom roles", "Audit log export", "Email support"],
  },
  enterprise: {
    name: "Enterprise",
    priceMonthlyMinor: 49_900,
    monthlyActiveUsers: null,
    features: ["Everything in Pro", "Enterprise SSO (SAML, OIDC)", "SCIM provisioning", "99.95% uptime commitment", "Dedicated support"],
  },
} as const satisfies Record<string, { name: string; priceMonthlyMinor: number; monthlyActiveUsers: number | null; features: readonly string[] }>;
export type PlanKey = keyof typeof PLANS;
export const PLAN_KEYS = Object.keys(PLANS) as PlanKey[];
export const BILLING_CURRENCY = "usd";

const timestamp = z.iso.datetime({ offset: true });
export const planKeySchema = z.enum(PLAN_KEYS as [PlanKey, ...PlanKey[]], { error: `plan is one of ${PLAN_KEYS.join(", ")}` });

export const planSchema = z.object({
  key: planKeySchema,
  name: z.string(),
  priceMonthlyMinor: z.int().describe("Per month, in cents"),
  currency: z.string(),
  monthlyActiveUsers: z.int().nullable().describe("The cap; null means none"),
  features: z.array(z.string()),
});

/** `GET /v1/billing`: the tenant's plan, this period's usage against it, and the plans on offer. */
export const billingResponseSchema = z.object({
  plan: planSchema,
  period: z.object({ start: timestamp, end: timestamp }),
  usage: z.object({
    monthlyActiveUsers: z.int().describe("Distinct users who signed in since the start of this calendar month"),
    limit: z.int().nullable(),
    overLimit: z.boolean(),
  }),
  provider: z.string().describe("The payment provider behind the plan (development: no network, no money)"),
  plans: z.array(planSchema),
});

export const changePlanRequestSchema = z.object({ plan: planKeySchema }).strict();

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string(),
  plan: planKeySchema,
  amountMinor: z.int(),
  currency: z.string(),
  status: z.enum(["paid", "open", "void"]),
  periodStart: timestamp,
  periodEnd: timestamp,
  issuedAt: timestamp,
});
export const invoiceListResponseSchema = z.object({ invoices: z.array(invoiceSchema) });

/** `PUT /v1/billing/plan`: the billing after the change, and the invoice it raised (none for Free). */
export const planChangedResponseSchema = z.object({ billing: billingResponseSchema, invoice: invoiceSchema.nullable() });

const at = "2026-11-01T00:00:00.000Z";
const planJson = (key: PlanKey) => ({ key, ...PLANS[key], features: [...PLANS[key].features], currency: BILLING_CURRENCY });
const billing = {
  plan: planJson("pro"),
  period: { start: at, end: "2026-12-01T00:00:00.000Z" },
  usage: { monthlyActiveUsers: 1_284, limit: 10_000, overLimit: false },
  provider: "development",
  plans: PLAN_KEYS.map(planJson),
};
const invoice = {
  id: "invc_01jbz6y0fq7m2x9d8c4v6b5n3k",
  number: "PL-2026-000042",
  plan: "pro" as const,
  amountMinor: 9_900,
  currency: BILLING_CURRENCY,
  status: "paid" as const,
  periodStart: at,
  periodEnd: "2026-12-01T00:00:00.000Z",
  issuedAt: "2026-11-27T09:30:00.000Z",
};

const tag = "Billing";
export const billingOperations: Operation[] = [
  {
    method: "get", path: "/v1/billing", operationId: "getBilling", tag, security: "management", scope: "billing:read",
    summary: "The tenant's plan, this month's active users against its cap, and the plans on offer",
    success: { status: 200, description: "Billing", schema: billingResponseSchema },
    errors: managed,
    examples: { response: billing },
  },
  {
    method: "put", path: "/v1/billing/plan", operationId: "changePlan", tag, security: "management", scope: "billing:write",
    summary: "Move the tenant to another plan; the payment provider bills the new plan for the current month",
    body: changePlanRequestSchema,
    success: { status: 200, description: "The billing after the change, and its invoice", schema: planChangedResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { plan: "pro" }, response: { billing, invoice } },
  },
  {
    method: "get", path: "/v1/billing/invoices", operationId: "listInvoices", tag, security: "management", scope: "billing:read",
    summary: "The tenant's invoices, newest first",
    success: { status: 200, description: "Invoices", schema: invoiceListResponseSchema },
    errors: managed,
    examples: { response: { invoices: [invoice] } },
  },
];
