import { PLANS, planKeySchema, type PlanKey } from "@plinto/contracts";
import { Alert, Badge, ButtonLink, Card, CardDescription, CardTitle, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
import { tenantContext } from "~/lib/tenant";
import { changePlanAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Billing" };

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase(), minimumFractionDigits: 0 }).format(minor / 100);
const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const ERRORS: Record<string, string> = {
  conflict: "The tenant is already on that plan.",
  forbidden: "Your role in this tenant cannot change its plan.",
  plan: "Choose one of the plans below.",
};

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext();
  if (!context) return <SignInFirst what="billing" />;
  const [billing, invoices] = await Promise.all([context.api.billing.get(), context.api.billing.invoices()]);
  const canChange = context.can("billing:write");
  const asked = planKeySchema.safeParse(params.change);
  const confirming = asked.success && asked.data !== billing.plan.key && canChange ? asked.data : undefined;
  const usage = billing.usage;
  const share = usage.limit ? Math.min(100, Math.round((usage.monthlyActiveUsers / usage.limit) * 100)) : 0;

  return (
    <TenantPage tenantName={context.tenant.name} title="Billing" lead={`Plans bill by calendar month. Payments go through the ${billing.provider} payment provider.`}>

      {typeof params.changed === "string" ? (
        <Alert variant="success" title="Plan changed">
          {`The tenant is now on ${PLANS[params.changed as PlanKey]?.name ?? params.changed}.`}
          {typeof params.invoice === "string" ? ` Invoice ${params.invoice} was issued.` : ""}
        </Alert>
      ) : null}
      {typeof params.error === "string" ? (
        <Alert variant="danger" title="The plan did not change">
          {ERRORS[params.error] ?? "The API could not change the plan; try again."}
        </Alert>
      ) : null}

      <section aria-labelledby="current-title" className="grid gap-6 md:grid-cols-2">
        <Card className="p-6">
          <h2 id="current-title" className="text-sm font-semibold text-muted">
            Current plan
          </h2>
          <p className="mt-1 text-2xl font-bold" data-testid="current-plan">
            {billing.plan.name}
          </p>
          <p className="mt-1 text-muted">
            {money(billing.plan.priceMonthlyMinor, billing.plan.currency)} a month · this period {day(billing.period.start)} – {day(billing.period.end)}
          </p>
        </Card>
        <Card className="p-6">
          <h2 className="text-sm font-semibold text-muted">Monthly active users</h2>
          <p className="mt-1 text-2xl font-bold" data-testid="usage">
            {usage.monthlyActiveUsers.toLocaleString("en-US")} {usage.limit === null ? "(no cap)" : `of ${usage.limit.toLocaleString("en-US")}`}
          </p>
          {usage.limit !== null ? (
            <div
              role="progressbar"
              aria-label="Monthly active users against the plan's cap"
              aria-valuemin={0}
              aria-valuemax={usage.limit}
              aria-valuenow={Math.min(usage.monthlyActiveUsers, usage.limit)}
              className="mt-3 h-2 overflow-hidden rounded-full bg-canvas"
            >
              <div className={usage.overLimit ? "h-full bg-danger" : "h-full bg-brand-600"} style={{ width: `${share}%` }} />
            </div>
          ) : null}
          {usage.overLimit ? <p className="mt-2 text-sm text-danger">Over the plan&apos;s cap: choose a larger plan.</p> : null}
        </Card>
      </section>

      {confirming ? (
        <ConfirmPanel
          title={`Switch to ${PLANS[confirming].name}?`}
          consequence={
            PLANS[confirming].priceMonthlyMinor > 0
              ? `${money(PLANS[confirming].priceMonthlyMinor, billing.plan.currency)} is billed now for this month.`
              : "Nothing is billed on the Free plan."
          }
          action={changePlanAction}
          fields={{ plan: confirming }}
          confirmLabel={`Confirm the switch to ${PLANS[confirming].name}`}
          cancelHref="/billing"
          cancelLabel={`Keep ${billing.plan.name}`}
        />
      ) : null}

      <section aria-labelledby="plans-title">
        <h2 id="plans-title" className="text-xl font-bold tracking-tight">
          Plans
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-3">
          {billing.plans.map((plan) => (
            <Card as="li" key={plan.key} className="flex flex-col p-6">
              <CardTitle>
                {plan.name} {plan.key === billing.plan.key ? <Badge tone="brand">Current</Badge> : null}
              </CardTitle>
              <CardDescription className="mt-1">
                {money(plan.priceMonthlyMinor, plan.currency)} a month ·{" "}
                {plan.monthlyActiveUsers === null ? "no cap on active users" : `up to ${plan.monthlyActiveUsers.toLocaleString("en-US")} active users`}
              </CardDescription>
              <ul className="mt-3 flex-1 list-disc space-y-1 pl-5 text-sm text-ink">
                {plan.features.map((feature) => (
                  <li key={feature}>{feature}</li>
                ))}
              </ul>
              {canChange && plan.key !== billing.plan.key ? (
                <ButtonLink href={`/billing?change=${plan.key}`} variant="secondary" className="mt-4">
                  Choose {plan.name}
                </ButtonLink>
              ) : null}
            </Card>
          ))}
        </ul>
      </section>

      <section aria-labelledby="invoices-title">
        <h2 id="invoices-title" className="text-xl font-bold tracking-tight">
          Invoices
        </h2>
        {invoices.length === 0 ? (
          <EmptyState className="mt-4" title="No invoices yet" description="Invoices appear here when the tenant is on a paid plan." />
        ) : (
          <div className="mt-4">
            <Table caption="Invoices, newest first" hideCaption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Number</TableHeaderCell>
                  <TableHeaderCell>Issued</TableHeaderCell>
                  <TableHeaderCell>Plan</TableHeaderCell>
                  <TableHeaderCell>Period</TableHeaderCell>
                  <TableHeaderCell>Amount</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {invoices.map((invoice) => (
                  <TableRow key={invoice.id}>
                    <TableHeaderCell scope="row">{invoice.number}</TableHeaderCell>
                    <td className="px-4 py-3">{day(invoice.issuedAt)}</td>
                    <td className="px-4 py-3">{PLANS[invoice.plan].name}</td>
                    <td className="px-4 py-3">
                      {day(invoice.periodStart)} – {day(invoice.periodEnd)}
                    </td>
                    <td className="px-4 py-3">{money(invoice.amountMinor, invoice.currency)}</td>
                    <td className="px-4 py-3">
                      <Badge tone={invoice.status === "paid" ? "success" : "warning"}>{invoice.status === "paid" ? "Paid" : invoice.status}</Badge>
                    </td>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </TenantPage>
  );
}
