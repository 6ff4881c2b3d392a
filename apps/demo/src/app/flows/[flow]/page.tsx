import Link from "next/link";
import { Alert, Badge } from "@plinto/ui";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LivePanel } from "~/components/LivePanel";
import { Notices } from "~/components/Notices";
import { Tutorial } from "~/components/Tutorial";
import { setupProblem } from "~/lib/auth";
import { currentEnvironment, issuerOf } from "~/lib/environment";
import { flowBySlug, flows } from "~/lib/flows";
import { readSession } from "~/lib/session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/flows/[flow]">): Promise<Metadata> {
  const flow = flowBySlug((await params).flow);
  return { title: flow?.title ?? "Flow not found" };
}

export default async function FlowPage({ params, searchParams }: PageProps<"/flows/[flow]">) {
  const flow = flowBySlug((await params).flow);
  if (!flow) notFound();
  const query = await searchParams;
  const environment = await currentEnvironment();
  const problem = setupProblem(environment);
  const session = await readSession(environment.name);
  const index = flows.indexOf(flow);
  const next = flows[index + 1];
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-10 sm:px-6">
      <header className="max-w-3xl space-y-2">
        <p className="text-sm font-semibold text-brand-700">
          Flow {index + 1} of {flows.length} · {environment.label}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight">{flow.title}</h1>
          <Badge tone="brand">{flow.spec}</Badge>
        </div>
        <p className="text-lg text-muted">{flow.summary}</p>
      </header>

      {problem ? (
        <Alert variant="warning" title="The flows cannot run here yet" data-testid="setup-problem">
          {problem}
        </Alert>
      ) : null}
      <Notices outcome={query.outcome} error={query.error} />

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-2 lg:items-start">
        <section aria-labelledby="tutorial-title" className="space-y-4">
          <h2 id="tutorial-title" className="text-xl font-bold tracking-tight">
            How it works
          </h2>
          <Tutorial steps={flow.steps} issuer={issuerOf(environment)} />
        </section>
        <section aria-labelledby="live-title" className="space-y-4">
          <h2 id="live-title" className="text-xl font-bold tracking-tight">
            Run it live
          </h2>
          <p className="text-sm text-muted">
            Against <code className="font-mono text-ink">{issuerOf(environment)}</code>
          </p>
          <LivePanel flow={flow} environment={environment} session={session} />
        </section>
      </div>

      <nav aria-label="Flows" className="flex flex-wrap justify-between gap-3 border-t border-line pt-6 text-sm">
        <Link href="/" className="font-medium text-brand-700 underline">
          All flows
        </Link>
        {next ? (
          <Link href={`/flows/${next.slug}`} className="font-medium text-brand-700 underline">
            Next: {next.title}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
