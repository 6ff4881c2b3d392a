import Link from "next/link";
import { Alert, Badge, Card, CardDescription, CardTitle, CodeBlock, StatusPanel, getPlatformStatus } from "@plinto/ui";
import type { Metadata } from "next";
import { Notices } from "~/components/Notices";
import { setupProblem } from "~/lib/auth";
import { currentEnvironment, issuerOf } from "~/lib/environment";
import { flows } from "~/lib/flows";
import { readSession } from "~/lib/session";
import { signedInView } from "~/lib/view";

// The API status and the demo tenant's issuer are read on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { absolute: "Flows · Plinto Demo" },
};

export default async function FlowsPage({ searchParams }: PageProps<"/">) {
  const query = await searchParams;
  const environment = await currentEnvironment();
  const status = await getPlatformStatus(environment.apiUrl);
  const issuer = issuerOf(environment);
  const problem = setupProblem(environment);
  const view = signedInView((await readSession(environment.name)).tokens);
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <header className="max-w-3xl">
          <p className="text-sm font-semibold text-brand-700">Live demo</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">Every Plinto flow, running for real</h1>
          <p className="mt-4 text-lg text-muted">
            This demo is a client of the demo tenant, calling the API through <code className="font-mono text-ink">@plinto/sdk</code> the way
            your app will. Each flow below runs against the API you started, and shows you the requests, the redirects and the
            tokens.
          </p>
          <div className="mt-6 space-y-2">
            <p className="text-sm font-medium text-ink">
              The {environment.tenant} tenant&apos;s issuer ({environment.label.toLowerCase()})
            </p>
            <CodeBlock>{issuer}</CodeBlock>
            <p className="text-sm text-ink" data-testid="session-status">
              {view ? (
                <>
                  Signed in as <code className="font-mono">{view.sub}</code>.
                </>
              ) : (
                "Not signed in."
              )}
            </p>
            <p className="text-sm text-muted">
              Sign in as the demo user: <code className="font-mono text-ink">npm start</code> prints its email and password and writes them to{" "}
              <code className="font-mono text-ink">.plinto/dev-credentials.json</code>.
            </p>
          </div>
        </header>

        <StatusPanel title="API status" apiUrl={status.apiUrl} result={status.result} checkedAt={status.checkedAt}>
          {status.result.reachable ? null : (
            <p>
              The flows need the API. Start everything with <code className="font-mono text-ink">npm start</code> from the repository root, then
              reload this page.
            </p>
          )}
        </StatusPanel>
      </div>

      <div className="mt-8 space-y-3">
        {problem ? (
          <Alert variant="warning" title="The flows cannot run here yet" data-testid="setup-problem">
            {problem}
          </Alert>
        ) : null}
        <Notices outcome={query.outcome} error={query.error} />
      </div>

      <section aria-labelledby="flows-title" className="mt-12">
        <h2 id="flows-title" className="text-xl font-bold tracking-tight">
          What the demo shows
        </h2>
        <p className="mt-2 max-w-2xl text-muted">
          {flows.length} flows, each a guided walkthrough beside the live flow against the {environment.tenant} tenant.
        </p>
        <ol className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2">
          {flows.map((flow, index) => (
            <Card as="li" key={flow.title} className="p-5">
              <div className="flex items-start justify-between gap-3">
                <CardTitle>
                  <span aria-hidden="true" className="mr-2 font-mono text-sm text-muted">{String(index + 1).padStart(2, "0")}</span>
                  <Link href={`/flows/${flow.slug}`} className="text-ink underline-offset-4 hover:underline">
                    {flow.title}
                  </Link>
                </CardTitle>
                <Badge tone="brand" className="shrink-0">
                  {flow.spec}
                </Badge>
              </div>
              <CardDescription className="mt-2">{flow.summary}</CardDescription>
            </Card>
          ))}
        </ol>
      </section>

      <section aria-labelledby="tokens-title" className="mt-12 max-w-3xl space-y-3">
        <h2 id="tokens-title" className="text-xl font-bold tracking-tight">
          Where the demo keeps your tokens
        </h2>
        <p className="text-muted">
          The demo is a confidential web application of the tenant (<code className="font-mono text-ink">plinto-demo</code>): its
          server signs you in (authorization code with PKCE and its client secret) and keeps the tokens. They live in an encrypted
          session cookie: the session is encrypted as a JWE (AES-256-GCM, with a key derived from the demo&apos;s session secret) and
          set HttpOnly and SameSite=Lax, so scripts on this page cannot read it and other sites cannot send it with their forms.
          Nothing goes to localStorage or sessionStorage.
        </p>
        <p className="text-muted">
          Pages get what the server verified: claims, token ids and lifetimes. The refresh token never leaves the server. Signing
          out revokes it at the tenant and empties the cookie; switching environment starts a new session, since tokens of one
          issuer mean nothing to another.
        </p>
      </section>
    </div>
  );
}
