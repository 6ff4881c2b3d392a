import { Badge, Card, CardDescription, CardTitle, CodeBlock, StatusPanel, getPlatformStatus } from "@plinto/ui";
import type { Metadata } from "next";
import { urlOf } from "~/env";

// The API status and the demo tenant's issuer are read on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { absolute: "Flows · Plinto Demo" },
};

const flows = [
  {
    title: "Hosted sign-in with PKCE",
    spec: "RFC 7636",
    body: "An authorization request to the demo tenant with an S256 code challenge, Plinto's hosted sign-in page, and the code exchanged for tokens with the verifier — each request and response shown as it happens.",
  },
  {
    title: "Sign-up",
    spec: "argon2id",
    body: "A new account on the demo tenant, from the form to the first session, with the password hashed by argon2id before it is stored.",
  },
  {
    title: "Magic link",
    spec: "Email",
    body: "A single-use sign-in link sent by email. Locally it lands in Plinto's development outbox, so you can open it without a mail server.",
  },
  {
    title: "Email code",
    spec: "Email",
    body: "A one-time code sent by email and typed back in — the same proof of the inbox as a magic link, without leaving the tab.",
  },
  {
    title: "Passkey",
    spec: "WebAuthn L3",
    body: "Registering a passkey on this device, then signing in with it: no password, and a credential bound to the demo tenant's origin.",
  },
  {
    title: "Authenticator app (TOTP)",
    spec: "RFC 6238",
    body: "Enrolling an authenticator app from a QR code, confirming it with a six-digit code, and the recovery codes you get in return.",
  },
  {
    title: "Organization switch",
    spec: "Organizations",
    body: "Moving between the demo user's organizations and watching the active organization and role change in the tokens the app receives.",
  },
  {
    title: "Token refresh",
    spec: "OAuth 2.0",
    body: "Trading the refresh token for a fresh access token before the old one expires, with both tokens' lifetimes side by side.",
  },
  {
    title: "Sign-out",
    spec: "OIDC",
    body: "Ending the session at the demo tenant as well as in the app, so the next visit to the hosted page asks you to sign in again.",
  },
  {
    title: "Token inspector",
    spec: "JWT",
    body: "The ID and access tokens decoded: header, claims and expiry, with the signature checked against the keys the demo tenant publishes.",
  },
];

export default async function FlowsPage() {
  const status = await getPlatformStatus(urlOf("api"));
  const issuer = `${urlOf("api")}/t/demo`;
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
            <p className="text-sm font-medium text-ink">The demo tenant&apos;s issuer</p>
            <CodeBlock>{issuer}</CodeBlock>
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

      <section aria-labelledby="flows-title" className="mt-12">
        <h2 id="flows-title" className="text-xl font-bold tracking-tight">
          What the demo shows
        </h2>
        <p className="mt-2 max-w-2xl text-muted">Ten flows, each run live against the demo tenant.</p>
        <ol className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2">
          {flows.map((flow, index) => (
            <Card as="li" key={flow.title} className="p-5">
              <div className="flex items-start justify-between gap-3">
                <CardTitle>
                  <span aria-hidden="true" className="mr-2 font-mono text-sm text-muted">{String(index + 1).padStart(2, "0")}</span>
                  {flow.title}
                </CardTitle>
                <Badge tone="brand" className="shrink-0">
                  {flow.spec}
                </Badge>
              </div>
              <CardDescription className="mt-2">{flow.body}</CardDescription>
            </Card>
          ))}
        </ol>
      </section>
    </div>
  );
}
