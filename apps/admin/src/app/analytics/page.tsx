import { Alert, ButtonLink, Card, EmptyState } from "@plinto/ui";
import { PlintoApiError, PlintoNetworkError, type PlintoClient } from "@plinto/sdk";
import type { AnalyticsMetric } from "@plinto/contracts";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auth } from "~/auth";
import { AnalyticsChart, type ChartRow } from "~/components/analytics/AnalyticsChart";
import { TenantPage } from "~/components/TenantPage";
import { tenantContext } from "~/lib/tenant";
import { RANGES, bucketLabel, rangeKeyOf, rangeOf, type RangeKey } from "./range";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Analytics" };

const COLORS = { brand: "#2451d6", success: "#067647", danger: "#b42318", muted: "#475569" };
const numbers = new Intl.NumberFormat("en-GB");
const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });

/** Everything the page shows, fetched in parallel with the admin's own token. */
async function load(api: PlintoClient, key: RangeKey) {
  const { from, to, interval } = rangeOf(key, new Date());
  const range = { from: from.toISOString(), to: to.toISOString() };
  const series = (metric: AnalyticsMetric) => api.analytics.timeseries({ metric, interval, ...range });
  const [summary, signUps, active, succeeded, failed] = await Promise.all([
    api.analytics.summary(range),
    series("sign_ups"),
    series(interval === "day" ? "daily_active_users" : "monthly_active_users"),
    series("sign_ins_succeeded"),
    series("sign_ins_failed"),
  ]);
  const rows = (pick: (i: number) => Record<string, number>): ChartRow[] =>
    signUps.points.map((p, i) => ({ label: bucketLabel(p.start, interval), ...pick(i) }));
  return {
    interval,
    summary,
    growth: rows((i) => ({ signUps: signUps.points[i]!.value, active: active.points[i]?.value ?? 0 })),
    signIns: rows((i) => ({ succeeded: succeeded.points[i]?.value ?? 0, failed: failed.points[i]?.value ?? 0 })),
  };
}

function Stat({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Card as="li" className="p-5">
      <p className="text-sm font-medium text-muted">{label}</p>
      <p className="mt-1 text-3xl font-bold tracking-tight text-ink" data-testid="stat-value">
        {value}
      </p>
      <p className="mt-1 text-xs text-muted">{detail}</p>
    </Card>
  );
}

function RangePicker({ current }: { current: RangeKey }) {
  return (
    <nav aria-label="Range" className="flex flex-wrap gap-2">
      {(Object.keys(RANGES) as RangeKey[]).map((key) => (
        <ButtonLink
          key={key}
          href={`/analytics?range=${key}`}
          variant={key === current ? "primary" : "secondary"}
          size="sm"
          aria-current={key === current ? "page" : undefined}
        >
          {RANGES[key].label}
        </ButtonLink>
      ))}
    </nav>
  );
}

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const key = rangeKeyOf((await searchParams).range);
  const context = await tenantContext().catch(() => null);
  const shell = (body: ReactNode) => (
    <TenantPage tenantName={context?.tenant.name} title="Analytics" lead="Sign-ups, sign-ins and active users of the tenant, day by day or month by month (UTC).">
      <div>{body}</div>
    </TenantPage>
  );

  if (!(await auth.signedInUser())) {
    return shell(
      <EmptyState headingLevel={2} title="Sign in to see analytics" description="Analytics are shown to the administrators of a tenant: use Sign in at the top of the page." />,
    );
  }
  if (!context) {
    return shell(<EmptyState headingLevel={2} title="No tenant to show" description="You do not administer any tenant yet. An owner of one can add you." />);
  }
  if (!context.can("analytics:read")) {
    return shell(
      <Alert variant="warning" title="Analytics are not open to your role">
        Your role in {context.tenant.name} does not include analytics. An owner of the tenant can change it.
      </Alert>,
    );
  }

  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(context.api, key);
  } catch (error) {
    const detail = error instanceof PlintoApiError || error instanceof PlintoNetworkError ? error.message : "The API did not answer as expected.";
    return shell(
      <>
        <RangePicker current={key} />
        <Alert variant="danger" title="Analytics could not be loaded" className="mt-6">
          {detail}
        </Alert>
      </>,
    );
  }

  const { summary, interval } = data;
  const rangeWords = RANGES[key].label.toLowerCase();
  const nothingYet = summary.signUps === 0 && summary.signInsSucceeded === 0 && summary.signInsFailed === 0 && summary.activeUsers === 0;
  const adoption = summary.mfaAdoption;
  return shell(
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm text-muted">
          Tenant <strong className="text-ink">{context.tenant.name}</strong> ({context.tenant.slug}), {rangeWords}
        </p>
        <RangePicker current={key} />
      </div>

      <section aria-labelledby="summary-title" className="mt-6">
        <h2 id="summary-title" className="sr-only">
          Summary
        </h2>
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Stat label="Sign-ups" value={numbers.format(summary.signUps)} detail={`New users, ${rangeWords}`} />
          <Stat label="Daily active users" value={numbers.format(summary.dailyActiveUsers)} detail="Signed in or used a session in the last 24 hours" />
          <Stat label="Monthly active users" value={numbers.format(summary.monthlyActiveUsers)} detail="Signed in or used a session in the last 30 days" />
          <Stat label="Sign-ins succeeded" value={numbers.format(summary.signInsSucceeded)} detail={`Sessions started, ${rangeWords}`} />
          <Stat label="Sign-ins failed" value={numbers.format(summary.signInsFailed)} detail={`Refused attempts, ${rangeWords}`} />
          <Stat
            label="MFA adoption"
            value={adoption.rate === null ? "—" : percent.format(adoption.rate)}
            detail={
              adoption.rate === null
                ? "No active users in this range"
                : `${numbers.format(adoption.withSecondFactor)} of ${numbers.format(adoption.activeUsers)} active users have an authenticator app or a passkey`
            }
          />
        </ul>
      </section>

      <section aria-labelledby="charts-title" className="mt-10">
        <h2 id="charts-title" className="text-xl font-bold tracking-tight">
          Over time
        </h2>
        {nothingYet ? (
          <EmptyState
            className="mt-4"
            title="Nothing happened in this range"
            description="When people sign up and sign in to this tenant's apps, their numbers show here. Try a longer range."
          />
        ) : (
          <div className="mt-4 grid grid-cols-1 gap-6 lg:grid-cols-2">
            <AnalyticsChart
              title="Sign-ups and active users"
              description={`New users and ${interval === "day" ? "daily" : "monthly"} active users per ${interval}, ${rangeWords}.`}
              kind="line"
              series={[
                { key: "signUps", name: "Sign-ups", color: COLORS.brand },
                { key: "active", name: interval === "day" ? "Daily active users" : "Monthly active users", color: COLORS.muted },
              ]}
              rows={data.growth}
            />
            <AnalyticsChart
              title="Sign-ins"
              description={`Sign-ins that succeeded and that were refused per ${interval}, ${rangeWords}.`}
              kind="bar"
              series={[
                { key: "succeeded", name: "Succeeded", color: COLORS.success },
                { key: "failed", name: "Failed", color: COLORS.danger },
              ]}
              rows={data.signIns}
            />
          </div>
        )}
      </section>
    </>,
  );
}
