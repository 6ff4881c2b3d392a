import {
  Badge,
  ButtonLink,
  Card,
  CardDescription,
  CardTitle,
  CodeBlock,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@plinto/ui";
import type { Metadata } from "next";
import { JsonLd } from "~/components/JsonLd";
import { StatusBadge } from "~/components/PageHeader";
import { TrackedCta } from "~/components/TrackedCta";
import { products } from "~/content/products";
import { signUpUrl, urlOf } from "~/env";
import { organizationJsonLd, softwareApplicationJsonLd } from "~/lib/jsonld";
import { pageMetadata } from "~/lib/metadata";
import { planViews } from "~/lib/pricing";

export const metadata: Metadata = {
  ...pageMetadata({
    title: "Plinto — identity you run yourself",
    description:
      "Sign-up and sign-in, MFA and passkeys, organizations and roles, an OpenID Provider per tenant and a hash-chained audit log — self-hosted with one command.",
    path: "/",
  }),
  title: { absolute: "Plinto — identity you run yourself" },
};

const standards = [
  { name: "OAuth 2.0 Security Best Current Practice", ref: "RFC 9700", use: "How every authorization flow is run and hardened", coming: false },
  { name: "OpenID Connect Core 1.0", ref: "OIDC Core", use: "Signing people in to your apps with ID tokens, one issuer per tenant", coming: false },
  { name: "Proof Key for Code Exchange", ref: "RFC 7636", use: "Binding each authorization code to the client that asked for it (S256 only)", coming: false },
  { name: "Device Authorization Grant", ref: "RFC 8628", use: "Signing in on TVs, terminals and CLIs", coming: false },
  { name: "JWT access tokens", ref: "RFC 9068", use: "Access tokens for Plinto's own management API", coming: false },
  { name: "Web Authentication Level 3", ref: "W3C WebAuthn L3", use: "Passkeys, on their own or as a second factor", coming: false },
  { name: "Time-based One-Time Passwords", ref: "RFC 6238", use: "Authenticator-app codes", coming: false },
  { name: "Argon2", ref: "RFC 9106", use: "Password hashing with argon2id", coming: false },
  { name: "SAML 2.0", ref: "OASIS SAML 2.0", use: "Enterprise single sign-on connections", coming: true },
  { name: "SCIM 2.0", ref: "RFC 7643, RFC 7644", use: "Directory provisioning from your customers' identity providers", coming: true },
];

export default function HomePage() {
  const www = urlOf("www");
  const docs = urlOf("docs");
  const demo = urlOf("demo");
  const signUp = signUpUrl();
  const plans = planViews();
  return (
    <>
      <JsonLd data={organizationJsonLd(www)} />
      <JsonLd data={softwareApplicationJsonLd(www, docs)} />
      <section aria-labelledby="hero-title" className="border-b border-line bg-surface">
        <div className="mx-auto grid max-w-6xl items-center gap-10 px-4 py-20 sm:px-6 lg:grid-cols-[1.1fr_1fr]">
          <div>
            <Badge tone="brand">Self-hosted identity platform</Badge>
            <h1 id="hero-title" className="mt-4 max-w-3xl text-4xl font-bold tracking-tight text-ink sm:text-5xl">
              Sign-in, MFA and audit logs for your apps, on servers you run.
            </h1>
            <p className="mt-6 max-w-2xl text-lg text-muted">
              Plinto is an identity platform you point your apps at. It gives them sign-up and sign-in, multi-factor authentication and passkeys,
              organizations and roles, and an OpenID Provider per tenant — built to the published standards, and running on your machine after one
              command.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <TrackedCta cta="home-hero" href={signUp} size="lg">
                Create your account
              </TrackedCta>
              <ButtonLink href={docs} size="lg" variant="secondary">
                Read the docs
              </ButtonLink>
            </div>
            <p className="mt-3 text-sm text-muted">
              Or try every flow first in the <a className="font-medium text-brand-700 underline" href={demo}>live demo</a>.
            </p>
          </div>
          {/* Sized in the markup, so the page does not move when it arrives. */}
          {/* eslint-disable-next-line @next/next/no-img-element -- an SVG diagram: nothing for the image optimiser to do */}
          <img
            src="/architecture.svg"
            width={960}
            height={420}
            className="h-auto w-full rounded-card border border-line"
            alt="How Plinto fits: your apps, your backend and Plinto's admin and account sites all talk to the Plinto API — an OpenID Provider per tenant, the /v1 management API and hosted sign-in pages — which keeps its data in PostgreSQL or embedded PGlite and its rate limits in Redis or memory."
            decoding="async"
          />
        </div>
      </section>

      <section id="features" aria-labelledby="features-title" className="mx-auto max-w-6xl scroll-mt-4 px-4 py-16 sm:px-6">
        <h2 id="features-title" className="text-2xl font-bold tracking-tight">
          What you get
        </h2>
        <p className="mt-2 max-w-2xl text-muted">
          Everything between your users and your application, in one service with one database. What is not built yet says so.
        </p>
        <ul className="mt-8 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {products.map((p) => (
            <Card as="li" key={p.slug} className="flex flex-col">
              <div className="flex items-center justify-between gap-3">
                <CardTitle>
                  <a className="hover:underline" href={`/product/${p.slug}`}>
                    {p.name}
                  </a>
                </CardTitle>
                <StatusBadge coming={p.status === "coming"} />
              </div>
              <CardDescription className="mt-2">{p.summary}</CardDescription>
            </Card>
          ))}
        </ul>
      </section>

      <section id="run" aria-labelledby="run-title" className="scroll-mt-4 border-y border-line bg-surface">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-16 sm:px-6 lg:grid-cols-2">
          <div>
            <h2 id="run-title" className="text-2xl font-bold tracking-tight">
              How it runs
            </h2>
            <p className="mt-3 text-muted">
              You need Node.js 20.9 or newer and nothing else. <code className="font-mono text-ink">npm start</code> installs, builds, migrates and
              seeds, then runs the API and all five sites on an embedded PostgreSQL (PGlite), with a demo tenant ready to sign in to. Ctrl-C stops
              it; the next start keeps your data.
            </p>
            <p className="mt-3 text-muted">
              In production, set <code className="font-mono text-ink">DATABASE_URL</code> and <code className="font-mono text-ink">REDIS_URL</code>{" "}
              and the same build runs on PostgreSQL and Redis.
            </p>
          </div>
          <div className="space-y-4">
            <CodeBlock label="Run everything">npm start</CodeBlock>
            <CodeBlock label="Check everything">npm test</CodeBlock>
            <p className="text-sm text-muted">
              <code className="font-mono text-ink">npm test</code> runs every type check, lint, unit test, build and browser test, and ends with one
              line: how many passed and how many failed.
            </p>
          </div>
        </div>
      </section>

      <section id="standards" aria-labelledby="standards-title" className="mx-auto max-w-6xl scroll-mt-4 px-4 py-16 sm:px-6">
        <h2 id="standards-title" className="text-2xl font-bold tracking-tight">
          Standards it follows
        </h2>
        <p className="mt-2 max-w-2xl text-muted">
          Identity is where home-grown protocols hurt most. Plinto implements the specifications your customers&apos; security teams already know.
        </p>
        <div className="mt-8">
          <Table caption="Specifications Plinto implements, and the two it will" hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Standard</TableHeaderCell>
                <TableHeaderCell>Reference</TableHeaderCell>
                <TableHeaderCell>Used for</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {standards.map((s) => (
                <TableRow key={s.name}>
                  <TableHeaderCell scope="row">{s.name}</TableHeaderCell>
                  <TableCell className="whitespace-nowrap">{s.ref}</TableCell>
                  <TableCell className="text-muted">{s.use}</TableCell>
                  <TableCell>
                    <StatusBadge coming={s.coming} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      <section id="plans" aria-labelledby="plans-title" className="scroll-mt-4 border-t border-line bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="plans-title" className="text-2xl font-bold tracking-tight">
            Plans
          </h2>
          <p className="mt-2 max-w-2xl text-muted">Each tenant is on a plan, capped by the people who sign in each month.</p>
          <ul className="mt-8 grid grid-cols-1 gap-4 md:grid-cols-3">
            {plans.map((p) => (
              <Card as="li" key={p.key}>
                <CardTitle>{p.name}</CardTitle>
                <p className="mt-1 text-2xl font-bold text-ink">
                  {p.price}
                  <span className="text-sm font-normal text-muted"> a month</span>
                </p>
                <CardDescription className="mt-2">{p.cap}</CardDescription>
              </Card>
            ))}
          </ul>
          <p className="mt-6">
            <a className="font-medium text-brand-700 underline" href="/pricing">
              Compare the plans
            </a>
          </p>
        </div>
      </section>

      <section aria-labelledby="cta-title" className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-col items-start gap-6 px-4 py-14 sm:px-6 md:flex-row md:items-center md:justify-between">
          <div>
            <h2 id="cta-title" className="text-2xl font-bold tracking-tight">
              From a fresh clone to a signed-in demo user
            </h2>
            <p className="mt-2 text-brand-100">The docs take you from clone to a signed-in demo user; the demo shows each flow as it happens.</p>
          </div>
          <div className="flex flex-wrap gap-3">
            <TrackedCta cta="home-footer" href={signUp} variant="secondary" size="lg">
              Sign up free
            </TrackedCta>
            <a
              href={demo}
              className="inline-flex h-12 items-center rounded-md border border-white/80 px-6 font-medium text-white transition-colors hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
            >
              Open the demo
            </a>
          </div>
        </div>
      </section>
    </>
  );
}
