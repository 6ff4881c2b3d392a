import { BILLING_CURRENCY, PLAN_KEYS, PLANS, type PlanKey } from "@plinto/contracts";

/**
 * The plans as the website shows them, read from the one catalogue the API bills with
 * (`PLANS` in @plinto/contracts): names, prices, caps and features are never copied here.
 */

/**
 * Catalogue features that are not built yet. A plan may list them, but the site says "coming"
 * beside them rather than selling what does not exist (the tables for connections and directories
 * are in the schema; the SAML, enterprise OIDC and SCIM endpoints are not). A test checks each
 * of these still appears in the catalogue word for word, so a rename cannot drop the warning.
 */
export const COMING_FEATURES: readonly string[] = ["Enterprise SSO (SAML, OIDC)", "SCIM provisioning"];

export interface PlanView {
  key: PlanKey;
  name: string;
  /** "$0", "$99": the monthly price, formatted. */
  price: string;
  /** The price in the currency's units as a string, for schema.org offers ("99.00"). */
  priceValue: string;
  currency: string;
  /** "Up to 1,000 monthly active users" or "No cap on monthly active users". */
  cap: string;
  features: { text: string; coming: boolean }[];
}

const minorUnits = 100;

export function formatPrice(minor: number, currency = BILLING_CURRENCY): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: minor % minorUnits === 0 ? 0 : 2,
  }).format(minor / minorUnits);
}

export function planViews(): PlanView[] {
  return PLAN_KEYS.map((key) => {
    const plan = PLANS[key];
    return {
      key,
      name: plan.name,
      price: formatPrice(plan.priceMonthlyMinor),
      priceValue: (plan.priceMonthlyMinor / minorUnits).toFixed(2),
      currency: BILLING_CURRENCY.toUpperCase(),
      cap:
        plan.monthlyActiveUsers === null
          ? "No cap on monthly active users"
          : `Up to ${new Intl.NumberFormat("en-US").format(plan.monthlyActiveUsers)} monthly active users`,
      features: plan.features.map((text) => ({ text, coming: COMING_FEATURES.includes(text) })),
    };
  });
}

/** schema.org `Product` with one `Offer` per plan, for the pricing page's JSON-LD. */
export function pricingJsonLd(siteUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: "Plinto",
    description: "Identity platform: sign-up, sign-in, MFA, passkeys, organizations and audit logs for your apps.",
    brand: { "@type": "Brand", name: "Plinto" },
    url: `${siteUrl}/pricing`,
    offers: planViews().map((plan) => ({
      "@type": "Offer",
      name: plan.name,
      price: plan.priceValue,
      priceCurrency: plan.currency,
      url: `${siteUrl}/pricing#plan-${plan.key}`,
      availability: "https://schema.org/InStock",
      priceSpecification: {
        "@type": "UnitPriceSpecification",
        price: plan.priceValue,
        priceCurrency: plan.currency,
        unitCode: "MON",
        referenceQuantity: { "@type": "QuantitativeValue", value: 1, unitCode: "MON" },
      },
      description: [plan.cap, ...plan.features.map((f) => (f.coming ? `${f.text} (coming)` : f.text))].join("; "),
    })),
  };
}
