import { Badge, Card, CardTitle } from "@plinto/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "~/components/JsonLd";
import { PageHeader } from "~/components/PageHeader";
import { TrackedCta } from "~/components/TrackedCta";
import { signUpUrl, urlOf } from "~/env";
import type { SignupCta } from "~/lib/events";
import { pageMetadata } from "~/lib/metadata";
import { planViews, pricingJsonLd } from "~/lib/pricing";

export const metadata: Metadata = pageMetadata({
  title: "Pricing",
  description: "Plinto's plans: a monthly price and a cap on monthly active users per tenant, the same plans the admin dashboard bills.",
  path: "/pricing",
});

export default function PricingPage() {
  const plans = planViews();
  const signUp = signUpUrl();
  return (
    <>
      <JsonLd data={pricingJsonLd(urlOf("www"))} />
      <PageHeader
        kicker="Pricing"
        title="A plan per tenant, priced by the people who sign in"
        intro={
          <p>
            Every tenant is on one plan. A plan caps monthly active users — people who signed in during the calendar month — and names what it
            includes. These are the plans the admin dashboard&apos;s Billing page shows and changes; this page reads them from the same catalogue.
          </p>
        }
      />
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-3">
          {plans.map((plan) => (
            <Card as="li" key={plan.key} id={`plan-${plan.key}`} className="flex flex-col scroll-mt-4">
              <CardTitle level={2} id={`plan-${plan.key}-name`}>
                {plan.name}
              </CardTitle>
              <p className="mt-3">
                <span className="text-4xl font-bold text-ink" data-testid="plan-price">
                  {plan.price}
                </span>
                <span className="text-muted"> a month</span>
              </p>
              <p className="mt-2 font-medium text-ink" data-testid="plan-cap">
                {plan.cap}
              </p>
              <ul className="mt-5 flex-1 space-y-2 text-sm" aria-label={`What ${plan.name} includes`}>
                {plan.features.map((f) => (
                  <li key={f.text} className="flex items-start gap-2">
                    <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20" className="mt-0.5 shrink-0 text-brand-600">
                      <path d="M5 10.5l3 3 7-7" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
                    </svg>
                    <span>
                      <span>{f.text}</span>
                      {f.coming ? (
                        <>
                          {" "}
                          <Badge tone="warning">Coming</Badge>
                        </>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
              <TrackedCta cta={`pricing-${plan.key}` as SignupCta} href={signUp} className="mt-6" variant={plan.key === "pro" ? "primary" : "secondary"}>
                Start with {plan.name}
              </TrackedCta>
            </Card>
          ))}
        </ul>
        <div className="mt-12 grid gap-8 text-muted md:grid-cols-2">
          <section aria-labelledby="how-title">
            <h2 id="how-title" className="text-xl font-bold text-ink">
              How billing works
            </h2>
            <p className="mt-3">
              A tenant&apos;s owner changes its plan on the admin dashboard&apos;s Billing page, which also shows this month&apos;s active users
              against the cap and the invoices. A change bills the new plan for the current month through the configured payment provider. The
              development provider that ships with Plinto needs no network and moves no money.
            </p>
          </section>
          <section aria-labelledby="features-coming-title">
            <h2 id="features-coming-title" className="text-xl font-bold text-ink">
              What &ldquo;Coming&rdquo; means
            </h2>
            <p className="mt-3">
              Enterprise SSO and SCIM provisioning are part of the Enterprise plan once they ship; today their data model exists but their endpoints
              do not. See the <Link className="font-medium text-brand-700 underline" href="/product/enterprise-sso">Enterprise SSO</Link> and{" "}
              <Link className="font-medium text-brand-700 underline" href="/product/scim">SCIM</Link> pages for where they stand.
            </p>
          </section>
        </div>
      </div>
    </>
  );
}
