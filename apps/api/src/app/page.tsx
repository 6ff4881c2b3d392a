import { Card, CardDescription, CardTitle, CodeBlock, SiteShell, StatusPanel, statusFromResponses } from "@plinto/ui";
import { getRuntime } from "../lib/runtime";
import { health, readiness } from "../services/health/health";

export const dynamic = "force-dynamic";

const endpoints = [
  { path: "/health", what: "Liveness: the process answers." },
  { path: "/ready", what: "Readiness: the database answers and every migration is applied (503 otherwise)." },
];

/** The API's own front page: what this server is, where its endpoints are, and whether it is ready. */
export default async function ApiHome() {
  const runtime = await getRuntime();
  const ready = await readiness(runtime.database);
  const { publicUrl } = runtime.config;
  return (
    <SiteShell siteName="Identity API" footer={<p>Plinto identity server · {publicUrl}</p>}>
      <div className="mx-auto grid max-w-5xl gap-8 px-4 py-10 sm:px-6">
        <section aria-labelledby="intro" className="grid gap-3">
          <h1 id="intro" className="text-3xl font-semibold tracking-tight">Plinto identity server</h1>
          <p className="max-w-3xl text-muted">
            This is the server your applications and the Plinto SDK talk to. Each tenant is its own OpenID Provider
            with its own users, signing keys and applications, at an issuer of the form below.
          </p>
          <CodeBlock label="Tenant issuer">{`${publicUrl}/t/{tenant}`}</CodeBlock>
        </section>

        <StatusPanel
          apiUrl={publicUrl}
          checkedAt={new Date().toISOString()}
          result={statusFromResponses(health(runtime.startedAt), ready)}
        />

        <section aria-labelledby="endpoints" className="grid gap-4">
          <h2 id="endpoints" className="text-xl font-semibold">Endpoints</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {endpoints.map((endpoint) => (
              <Card key={endpoint.path}>
                <CardTitle>
                  <a className="text-brand-700 underline underline-offset-4" href={endpoint.path}>
                    GET {endpoint.path}
                  </a>
                </CardTitle>
                <CardDescription>{endpoint.what}</CardDescription>
              </Card>
            ))}
          </div>
        </section>
      </div>
    </SiteShell>
  );
}
