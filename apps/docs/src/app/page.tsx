import { sites } from "@plinto/next-config/sites";
import {
  Alert,
  CodeBlock,
  Nav,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { urlOf } from "~/env";

export const metadata: Metadata = {
  // The layout's title template only applies to nested segments, not to the page beside it.
  title: { absolute: "Get started · Plinto Docs" },
  description: "Run Plinto with one command, find its six sites, sign in to the demo tenant and point an OpenID Connect library at a tenant's issuer.",
};

const sections = [
  { id: "run", title: "Run Plinto" },
  { id: "sites", title: "Sites and ports" },
  { id: "demo-tenant", title: "The demo tenant" },
  { id: "issuer", title: "Issuer URLs" },
  { id: "health", title: "Health and readiness" },
  { id: "sdk", title: "From TypeScript" },
] as const;

type SectionId = (typeof sections)[number]["id"];

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const title = sections.find((s) => s.id === id)?.title;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6 border-t border-line pt-10">
      <h2 id={`${id}-title`} className="text-xl font-bold tracking-tight">
        {title}
      </h2>
      <div className="mt-4 min-w-0 space-y-4 leading-relaxed text-ink">{children}</div>
    </section>
  );
}

function C({ children }: { children: ReactNode }) {
  return <code className="rounded bg-brand-50 px-1 py-0.5 font-mono text-[0.9em] break-words text-brand-900">{children}</code>;
}

const link = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900";

export default function GetStartedPage() {
  const api = urlOf("api");
  const demoIssuer = `${api}/t/demo`;
  return (
    <div className="mx-auto grid max-w-6xl grid-cols-1 gap-10 px-4 py-10 sm:px-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <aside className="lg:sticky lg:top-6 lg:self-start">
        <Nav
          label="Documentation"
          orientation="vertical"
          items={[{ href: "/", label: "Get started", current: true, items: sections.map((s) => ({ href: `#${s.id}`, label: s.title })) }]}
        />
      </aside>

      <article className="max-w-3xl space-y-10">
        <header>
          <p className="text-sm font-semibold text-brand-700">Documentation</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">Get started</h1>
          <p className="mt-4 text-lg text-muted">
            Plinto is an identity platform you run yourself: your apps send people to it to sign up, sign in and prove who they are with MFA,
            passkeys or their company&apos;s SSO. Each tenant is a standard OpenID Provider, so any OpenID Connect library — or{" "}
            <C>@plinto/sdk</C> — can use it.
          </p>
        </header>

        <Section id="run">
          <p>
            You need Node.js 20.9 or newer. Nothing else: pnpm arrives through corepack, and the database is an embedded PostgreSQL (PGlite)
            stored in <C>.plinto/data</C>. From a clone of the repository:
          </p>
          <CodeBlock label="Install, build, migrate, seed and run all six sites">npm start</CodeBlock>
          <p>
            It prints each site&apos;s address and the demo sign-in, and keeps running until Ctrl-C. A second run reuses the build and the
            data.
          </p>
          <CodeBlock label="Every type check, lint, unit test, build and browser test">npm test</CodeBlock>
          <p>
            The last line of <C>npm test</C> reads <C>N passed, N failed</C>. Set <C>DATABASE_URL</C> and <C>REDIS_URL</C> to run either
            command on PostgreSQL and Redis instead of the embedded defaults.
          </p>
        </Section>

        <Section id="sites">
          <p>One command starts six sites. Only the API opens the database; the others are clients of the API, the same way your apps are.</p>
          <Table caption="Plinto's sites, their ports and addresses">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Site</TableHeaderCell>
                <TableHeaderCell>Default port</TableHeaderCell>
                <TableHeaderCell>For</TableHeaderCell>
                <TableHeaderCell>Address</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sites.map((site) => {
                const url = urlOf(site.name);
                return (
                  <TableRow key={site.name}>
                    <TableHeaderCell scope="row">
                      {site.title} <span className="font-mono text-xs text-muted">({site.name})</span>
                    </TableHeaderCell>
                    <TableCell className="font-mono">{site.port}</TableCell>
                    <TableCell className="text-muted">{site.audience}</TableCell>
                    <TableCell>
                      <a className={link} href={url}>
                        {url}
                      </a>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <p>
            <C>PLINTO_PORT_OFFSET</C> shifts every port by the same amount, and <C>PLINTO_&lt;SITE&gt;_URL</C> (for example{" "}
            <C>PLINTO_DOCS_URL</C>) sets a site&apos;s public address; the addresses above are the ones this server was started with.
          </p>
        </Section>

        <Section id="demo-tenant">
          <p>
            <C>npm start</C> migrates the database and seeds a tenant named <C>demo</C> with a user you can sign in as. It prints that
            user&apos;s email and password when the sites are up, and writes them, together with each tenant&apos;s issuer, to:
          </p>
          <CodeBlock>.plinto/dev-credentials.json</CodeBlock>
          <Alert variant="info" role="note" title="Development only">
            The <C>.plinto</C> folder is git-ignored and holds the embedded database and a generated development secret as well. Set{" "}
            <C>PLINTO_HOME</C> to keep it somewhere else.
          </Alert>
        </Section>

        <Section id="issuer">
          <p>Every tenant is its own OpenID Provider. Its issuer is the API&apos;s public URL followed by the tenant&apos;s slug:</p>
          <CodeBlock>{"{API_URL}/t/{tenant}"}</CodeBlock>
          <p>
            On this installation the demo tenant&apos;s issuer is <C>{demoIssuer}</C>. OpenID Connect libraries find its endpoints from the
            issuer alone, through discovery at <C>{`${demoIssuer}/.well-known/openid-configuration`}</C>. The API&apos;s public URL comes from{" "}
            <C>PLINTO_API_URL</C>.
          </p>
        </Section>

        <Section id="health">
          <p>The API answers two unauthenticated checks, for load balancers, orchestrators and you:</p>
          <ul className="list-disc space-y-2 pl-6">
            <li>
              <a className={link} href={`${api}/health`}>
                {`${api}/health`}
              </a>{" "}
              — liveness: the process is up. It says nothing about the database.
            </li>
            <li>
              <a className={link} href={`${api}/ready`}>
                {`${api}/ready`}
              </a>{" "}
              — readiness: HTTP 200 with <C>{'{"status":"ready", …}'}</C> once the database is reachable and every migration is applied, HTTP
              503 naming the failing check otherwise.
            </li>
          </ul>
        </Section>

        <Section id="sdk">
          <p>
            <C>@plinto/sdk</C> is the typed client for the API; every response is checked against the same contract the API uses. The same two
            checks from code:
          </p>
          <CodeBlock label="TypeScript">{`import { PlintoClient } from "@plinto/sdk";

const plinto = new PlintoClient({ baseUrl: "${api}" });

const health = await plinto.health(); // { status: "ok", service: "plinto-api", version, uptimeSeconds }
const ready = await plinto.ready();   // { status: "ready" | "not_ready", checks: { database, migrations } }`}</CodeBlock>
          <p>
            A not-ready API is an answer, not an exception: <C>ready()</C> resolves with <C>status: &quot;not_ready&quot;</C>. When the API cannot
            be reached at all, both calls reject with a <C>PlintoNetworkError</C>.
          </p>
        </Section>
      </article>
    </div>
  );
}
