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
import { urlOf } from "~/env";

const capabilities = [
  {
    title: "Sign-up and sign-in",
    body: "Email and password, magic links and one-time email codes, on Plinto's hosted sign-in page or in your own screens through the SDK. Passwords are hashed with argon2id.",
  },
  {
    title: "Multi-factor authentication",
    body: "Authenticator-app codes (TOTP), passkeys on WebAuthn, and one-time recovery codes for the day a phone is lost.",
  },
  {
    title: "Organizations and roles",
    body: "People belong to organizations with a role in each; they are invited, accept, and switch between organizations without signing in again.",
  },
  {
    title: "Enterprise SSO",
    body: "Connect an organization to its own identity provider over SAML 2.0 or OpenID Connect, so its people sign in the way their IT team requires.",
  },
  {
    title: "SCIM provisioning",
    body: "Your customers' directories create, update and deactivate their users in Plinto through SCIM 2.0, with no CSV exports in between.",
  },
  {
    title: "Audit logs",
    body: "Every security-relevant change is recorded in the same transaction that makes it, in an append-only, hash-chained log where a removed or altered entry shows.",
  },
  {
    title: "Webhooks",
    body: "Your backend hears about new users, membership changes and sign-ins as they happen, instead of polling for them.",
  },
  {
    title: "An OpenID Provider per tenant",
    body: "Every tenant has its own issuer at {API_URL}/t/{tenant}. Any OpenID Connect library can sign in against it, and Plinto's own admin dashboard and account portal use it the same way.",
  },
  {
    title: "A typed TypeScript SDK",
    body: "@plinto/sdk is typed from the same wire contract the API validates its requests against, and checks every response it receives.",
  },
];

const standards = [
  { name: "OAuth 2.0 Security Best Current Practice", ref: "RFC 9700", use: "How every authorization flow is run and hardened" },
  { name: "OpenID Connect Core 1.0", ref: "OIDC Core", use: "Signing people in to your apps with ID tokens, one issuer per tenant" },
  { name: "Proof Key for Code Exchange", ref: "RFC 7636", use: "Binding each authorization code to the client that asked for it" },
  { name: "SAML 2.0", ref: "OASIS SAML 2.0", use: "Enterprise single sign-on connections" },
  { name: "SCIM 2.0", ref: "RFC 7643, RFC 7644", use: "Directory provisioning from your customers' identity providers" },
  { name: "Web Authentication Level 3", ref: "W3C WebAuthn L3", use: "Passkeys and security keys" },
  { name: "Time-based One-Time Passwords", ref: "RFC 6238", use: "Authenticator-app codes" },
  { name: "Argon2", ref: "RFC 9106", use: "Password hashing with argon2id" },
];

const plans = [
  {
    name: "Free",
    audience: "For developers building their first product on Plinto",
    body: "Run the whole platform yourself with npm start, try every flow in the demo, and put your first app in front of users.",
  },
  {
    name: "Pro",
    audience: "For teams running Plinto in production",
    body: "For products whose customers sign in every day: PostgreSQL for the data, Redis so several API processes share one set of rate limits.",
  },
  {
    name: "Enterprise",
    audience: "For companies selling to enterprises",
    body: "For teams whose own customers arrive with SAML identity providers, SCIM directories and security reviews that read the audit log.",
  },
];

export default function HomePage() {
  const docs = urlOf("docs");
  const demo = urlOf("demo");
  return (
    <>
      <section aria-labelledby="hero-title" className="border-b border-line bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
          <Badge tone="brand">Self-hosted identity platform</Badge>
          <h1 id="hero-title" className="mt-4 max-w-3xl text-4xl font-bold tracking-tight text-ink sm:text-5xl">
            Sign-in, MFA, SSO and audit logs for your apps, on servers you run.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-muted">
            Plinto is an identity platform you point your apps at. It gives them sign-up and sign-in, multi-factor authentication and passkeys,
            organizations and roles, enterprise SSO and SCIM — built to the published standards, and running on your machine after one command.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href={docs} size="lg">
              Get started in the docs
            </ButtonLink>
            <ButtonLink href={demo} size="lg" variant="secondary">
              Watch the flows in the live demo
            </ButtonLink>
          </div>
        </div>
      </section>

      <section id="features" aria-labelledby="features-title" className="mx-auto max-w-6xl scroll-mt-4 px-4 py-16 sm:px-6">
        <h2 id="features-title" className="text-2xl font-bold tracking-tight">
          What you get
        </h2>
        <p className="mt-2 max-w-2xl text-muted">Everything between your users and your application, in one service with one database.</p>
        <ul className="mt-8 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {capabilities.map((c) => (
            <Card as="li" key={c.title}>
              <CardTitle>{c.title}</CardTitle>
              <CardDescription className="mt-2">{c.body}</CardDescription>
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
          <Table caption="Specifications Plinto implements" hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Standard</TableHeaderCell>
                <TableHeaderCell>Reference</TableHeaderCell>
                <TableHeaderCell>Used for</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {standards.map((s) => (
                <TableRow key={s.name}>
                  <TableHeaderCell scope="row">{s.name}</TableHeaderCell>
                  <TableCell className="whitespace-nowrap">{s.ref}</TableCell>
                  <TableCell className="text-muted">{s.use}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      <section id="pricing" aria-labelledby="pricing-title" className="scroll-mt-4 border-t border-line bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="pricing-title" className="text-2xl font-bold tracking-tight">
            Plans
          </h2>
          <p className="mt-2 max-w-2xl text-muted">One platform, three ways to run it, depending on who relies on it.</p>
          <ul className="mt-8 grid grid-cols-1 gap-4 md:grid-cols-3">
            {plans.map((p) => (
              <Card as="li" key={p.name} className="flex flex-col">
                <CardTitle>{p.name}</CardTitle>
                <p className="mt-1 text-sm font-medium text-brand-700">{p.audience}</p>
                <CardDescription className="mt-3">{p.body}</CardDescription>
              </Card>
            ))}
          </ul>
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
            <ButtonLink href={docs} variant="secondary" size="lg">
              Read the docs
            </ButtonLink>
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
