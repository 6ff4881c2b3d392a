import { Badge, Card, CodeBlock } from "@plinto/ui";
import type { StoredTokens } from "@plinto/sdk";
import type { EnvironmentConfig } from "~/env";
import { inspectTokens, type TokenReport } from "~/lib/inspect";

const KEY_CLAIMS = ["sub", "iss", "aud", "azp", "client_id", "scope", "exp", "iat", "auth_time", "acr", "amr", "sid", "org_slug", "org_role"];

function display(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function when(seconds: unknown): string | undefined {
  return typeof seconds === "number" ? new Date(seconds * 1000).toISOString().replace(".000Z", "Z") : undefined;
}

function Report({ report }: { report: TokenReport }) {
  const claims = report.verified?.claims ?? report.decoded?.claims ?? {};
  const header = report.verified?.header ?? report.decoded?.header;
  const headingId = `token-${report.kind}`;
  const shown = KEY_CLAIMS.filter((name) => claims[name] !== undefined);
  return (
    <Card as="section" aria-labelledby={headingId} className="space-y-3 p-4" data-testid={`token-${report.kind}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold text-ink">
          {report.title}
        </h3>
        {report.verified ? (
          <Badge tone="success" data-testid="verification">
            Verified
          </Badge>
        ) : (
          <Badge tone="danger" data-testid="verification">
            Not verified
          </Badge>
        )}
      </div>
      <p className="text-sm text-muted">
        {report.verified
          ? `Signature checked with the tenant's key ${header?.kid ? `“${header.kid}” ` : ""}(${header?.alg ?? "?"}) from its JWKS; issuer, audience, lifetime and kind${header?.typ ? ` (typ ${header.typ})` : ""} checked.`
          : `This token ${report.problem ?? "could not be verified"}. The claims below are only what it says about itself.`}
      </p>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {shown.map((name) => (
          <div key={name} className="contents">
            <dt className="font-mono text-muted">{name}</dt>
            <dd className="font-mono break-all text-ink" data-claim={name}>
              {display(claims[name])}
              {name === "exp" || name === "iat" || name === "auth_time" ? <span className="ml-2 text-muted">{when(claims[name])}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-muted">
        Expected issuer <code className="font-mono">{report.expected.issuer}</code>, audience <code className="font-mono">{report.expected.audience}</code>.
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">Every claim and the header</summary>
        <div className="mt-2 space-y-2">
          <CodeBlock label="Header">{JSON.stringify(header ?? {}, null, 2)}</CodeBlock>
          <CodeBlock label="Claims">{JSON.stringify(claims, null, 2)}</CodeBlock>
        </div>
      </details>
    </Card>
  );
}

/**
 * The session's tokens, decoded and verified on the server against the tenant's JWKS on every
 * view. The refresh token is opaque and never leaves the server: only whether there is one.
 */
export async function TokenInspector({ environment, tokens }: { environment: EnvironmentConfig; tokens: StoredTokens }) {
  const reports = await inspectTokens(environment, tokens);
  return (
    <div className="space-y-4" data-testid="token-inspector">
      {reports.map((report) => (
        <Report key={report.kind} report={report} />
      ))}
      <p className="text-sm text-muted">
        Refresh token: {tokens.refreshToken ? "held by the demo's server (opaque, rotates on every use; never sent to this page)." : "none."}
        {tokens.expiresAt ? ` The access token expires at ${new Date(tokens.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z")}.` : ""}
      </p>
    </div>
  );
}
