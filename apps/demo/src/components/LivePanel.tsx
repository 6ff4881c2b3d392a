import { Button, ButtonLink, Card, CodeBlock, EmptyState, Field, Select } from "@plinto/ui";
import { refreshAction, signInAction, signOutAction, switchOrganizationAction } from "~/app/actions";
import type { EnvironmentConfig } from "~/env";
import { issuerOf } from "~/lib/environment";
import type { Flow, LiveControl } from "~/lib/flows";
import type { DemoSession } from "~/lib/session";
import { signedInView, type SignedInView } from "~/lib/view";
import { Outbox } from "./Outbox";
import { TokenInspector } from "./TokenInspector";

const time = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000).toISOString().replace(".000Z", "Z") : "—");

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h3 id={id} className="font-semibold text-ink">
        {title}
      </h3>
      {children}
    </section>
  );
}

function SignInForm({ flow, mode, label, variant = "primary" }: { flow: string; mode: "plain" | "fresh" | "step-up"; label: string; variant?: "primary" | "secondary" }) {
  return (
    <form action={signInAction}>
      <input type="hidden" name="flow" value={flow} />
      <input type="hidden" name="mode" value={mode} />
      <Button type="submit" variant={variant}>
        {label}
      </Button>
    </form>
  );
}

function SessionStatus({ view }: { view: SignedInView | undefined }) {
  if (!view) {
    return (
      <p className="text-sm text-muted" data-testid="session-status">
        Not signed in.
      </p>
    );
  }
  return (
    <p className="text-sm text-ink" data-testid="session-status">
      Signed in as <code className="font-mono">{view.sub}</code>
      {view.acr ? (
        <>
          {" "}
          · <span className="text-muted">acr</span> <code className="font-mono">{view.acr}</code>
        </>
      ) : null}
      {view.amr.length > 0 ? (
        <>
          {" "}
          · <span className="text-muted">amr</span> <code className="font-mono">{view.amr.join(" ")}</code>
        </>
      ) : null}
    </p>
  );
}

/** The parameters of the last authorization request the demo sent: what PKCE looks like on the wire. */
function LastAuthorization({ url }: { url: string }) {
  const params = [...new URL(url).searchParams.entries()];
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">The last authorization request</summary>
      <CodeBlock className="mt-2">{`GET ${url.split("?")[0]}\n${params.map(([k, v]) => `  ${k}=${v}`).join("\n")}`}</CodeBlock>
      <p className="mt-2 text-xs text-muted">The code verifier behind the challenge never left the demo's server; it went to the token endpoint with the code.</p>
    </details>
  );
}

async function Control({ control, flow, environment, session, view }: { control: LiveControl; flow: Flow; environment: EnvironmentConfig; session: DemoSession; view: SignedInView | undefined }) {
  switch (control) {
    case "sign-in":
      return (
        <Section id="live-sign-in" title="Sign in">
          <SignInForm flow={flow.slug} mode="plain" label={view ? "Sign in again" : "Sign in with Plinto"} variant={view ? "secondary" : "primary"} />
          {session.lastAuthorization ? <LastAuthorization url={session.lastAuthorization.url} /> : null}
        </Section>
      );
    case "fresh-sign-in":
      return (
        <Section id="live-fresh" title="Open the hosted sign-in page">
          <p className="text-sm text-muted">A new sign-in on the tenant&apos;s hosted page, even if this browser is signed in there already.</p>
          <SignInForm flow={flow.slug} mode="fresh" label="Open the hosted sign-in page" />
        </Section>
      );
    case "account":
      return (
        <Section id="live-account" title="The tenant's account page">
          <p className="text-sm text-muted">
            Passkeys and authenticator apps are added on the tenant&apos;s hosted page, signed in (sign in here first, then open it).
          </p>
          <ButtonLink href={`${issuerOf(environment)}/signed-in`} variant="secondary">
            Open the hosted account page
          </ButtonLink>
        </Section>
      );
    case "step-up":
      return (
        <Section id="live-step-up" title="Ask for a second factor">
          {view ? (
            <SignInForm flow={flow.slug} mode="step-up" label="Ask for a second factor" />
          ) : (
            <SignInForm flow={flow.slug} mode="plain" label="Sign in with Plinto" />
          )}
        </Section>
      );
    case "outbox":
      return (
        <Section id="live-outbox" title="Development outbox">
          <p className="text-sm text-muted">The newest mail of the {environment.tenant} tenant. Reload the page after asking for a mail.</p>
          <Outbox environment={environment} />
        </Section>
      );
    case "organizations":
      return (
        <Section id="live-organizations" title="Your organizations">
          {!view ? (
            <SignInForm flow={flow.slug} mode="plain" label="Sign in with Plinto" />
          ) : view.organizations.length === 0 ? (
            <p className="text-sm text-muted">The signed-in user is in no organization of this tenant.</p>
          ) : (
            <>
              <p className="text-sm text-ink" data-testid="active-organization">
                Active: <strong>{view.organizations.find((o) => o.slug === view.activeOrganization)?.name ?? "none"}</strong>
                {view.activeOrganization ? <span className="text-muted"> ({view.activeOrganization})</span> : null}
              </p>
              <form action={switchOrganizationAction} className="flex flex-wrap items-end gap-2">
                <Field label="Organization" className="w-64">
                  <Select name="organization" defaultValue={view.organizations.find((o) => o.slug !== view.activeOrganization)?.slug}>
                    {view.organizations.map((o) => (
                      <option key={o.id} value={o.slug}>
                        {o.name} ({o.role})
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button type="submit">Switch organization</Button>
              </form>
            </>
          )}
        </Section>
      );
    case "refresh":
      return (
        <Section id="live-refresh" title="Refresh the access token">
          {!view ? (
            <SignInForm flow={flow.slug} mode="plain" label="Sign in with Plinto" />
          ) : (
            <>
              <form action={refreshAction}>
                <input type="hidden" name="flow" value={flow.slug} />
                <Button type="submit" disabled={!view.hasRefreshToken}>
                  Refresh the access token
                </Button>
              </form>
              <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm" data-testid="access-token-ids">
                <dt className="text-muted">Current access token</dt>
                <dd className="font-mono break-all" data-testid="current-jti">
                  {view.access.jti ?? "—"}
                </dd>
                <dt className="text-muted">Issued · expires</dt>
                <dd className="font-mono">
                  {time(view.access.iat)} · {time(view.access.exp)}
                </dd>
                {session.replaced ? (
                  <>
                    <dt className="text-muted">Replaced access token</dt>
                    <dd className="font-mono break-all" data-testid="replaced-jti">
                      {session.replaced.jti ?? "—"}
                    </dd>
                    <dt className="text-muted">Issued · expired</dt>
                    <dd className="font-mono">
                      {time(session.replaced.issuedAt)} · {time(session.replaced.expiresAt)}
                    </dd>
                  </>
                ) : null}
              </dl>
            </>
          )}
        </Section>
      );
    case "sign-out":
      return (
        <Section id="live-sign-out" title="Sign out">
          {view ? (
            <form action={signOutAction}>
              <Button type="submit" variant="danger">
                Sign out of the demo and the tenant
              </Button>
            </form>
          ) : (
            <SignInForm flow={flow.slug} mode="plain" label="Sign in with Plinto" />
          )}
        </Section>
      );
    case "inspector":
      return (
        <Section id="live-inspector" title="Token inspector">
          {session.tokens ? (
            <TokenInspector environment={environment} tokens={session.tokens} />
          ) : (
            <EmptyState headingLevel={4} title="No tokens yet" description="Sign in and the ID and access tokens show up here, verified against the tenant's keys." />
          )}
        </Section>
      );
  }
}

/** The live side of a flow's page: the session's state and the controls that run the flow. */
export async function LivePanel({ flow, environment, session }: { flow: Flow; environment: EnvironmentConfig; session: DemoSession }) {
  const view = signedInView(session.tokens);
  return (
    <Card className="space-y-6 p-5">
      <SessionStatus view={view} />
      {flow.live.map((control) => (
        <Control key={control} control={control} flow={flow} environment={environment} session={session} view={view} />
      ))}
    </Card>
  );
}
