import { MANAGEMENT_SCOPES } from "@plinto/contracts";
import { Alert, Badge, Button, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { tenantContext } from "~/lib/tenant";
import { revokeApiKeyAction } from "./actions";
import { CreateApiKeyForm } from "./CreateApiKeyForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" } as Intl.DateTimeFormatOptions) : "—");

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext();
  if (!context) {
    return (
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <EmptyState headingLevel={2} title="Sign in to see API keys" description="API keys belong to a tenant you administer." />
      </div>
    );
  }
  const keys = await context.api.apiKeys.list();
  const canWrite = context.can("api_keys:write");
  // A key can only be given scopes its maker holds, and tenants:* only exist in the platform tenant.
  const grantable = MANAGEMENT_SCOPES.filter((s) => context.can(s) && (context.tenant.kind === "platform" || !s.startsWith("tenants:")));
  const revoking = typeof params.revoke === "string" ? keys.find((k) => k.id === params.revoke && !k.revokedAt) : undefined;
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6">
      <header>
        <p className="text-sm font-semibold text-brand-700">{context.tenant.name}</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">API keys</h1>
        <p className="mt-2 max-w-3xl text-muted">Keys your backend uses to call the management API. Each has only the scopes it was given.</p>
      </header>
      {params.revoked ? <Alert variant="success" title="Key revoked">It stopped working at once.</Alert> : null}
      {typeof params.error === "string" ? (
        <Alert variant="danger" title="The key was not revoked">
          {params.error === "forbidden" ? "Your role in this tenant cannot revoke keys." : "The API could not revoke the key; try again."}
        </Alert>
      ) : null}
      {revoking ? (
        <Alert variant="warning" title={`Revoke "${revoking.name}"?`}>
          <form action={revokeApiKeyAction} className="mt-2 flex flex-wrap items-center gap-3">
            <input type="hidden" name="apiKey" value={revoking.id} />
            <span>Anything using it stops working at once.</span>
            <Button type="submit" variant="danger">
              Revoke the key
            </Button>
            <ButtonLink href="/api-keys" variant="ghost">
              Keep it
            </ButtonLink>
          </form>
        </Alert>
      ) : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet" description="Create one below for your backend or CI." />
      ) : (
        <Table caption="API keys, newest first">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Key starts with</TableHeaderCell>
              <TableHeaderCell>Scopes</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
              <TableHeaderCell>Last used</TableHeaderCell>
              <TableHeaderCell>Expires</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              {canWrite ? <TableHeaderCell>Actions</TableHeaderCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableHeaderCell scope="row">{key.name}</TableHeaderCell>
                <td className="px-4 py-3">
                  <code className="font-mono text-xs">{key.displayPrefix}…</code>
                </td>
                <td className="px-4 py-3 text-xs">{key.scopes.join(", ")}</td>
                <td className="px-4 py-3">{day(key.createdAt)}</td>
                <td className="px-4 py-3">{day(key.lastUsedAt)}</td>
                <td className="px-4 py-3">{day(key.expiresAt)}</td>
                <td className="px-4 py-3">
                  {key.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}
                </td>
                {canWrite ? (
                  <td className="px-4 py-3">
                    {key.revokedAt ? null : (
                      <ButtonLink href={`/api-keys?revoke=${key.id}`} variant="ghost" size="sm" aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </ButtonLink>
                    )}
                  </td>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canWrite ? (
        <section aria-labelledby="new-key-title">
          <h2 id="new-key-title" className="text-xl font-bold tracking-tight">
            New key
          </h2>
          <div className="mt-4">
            <CreateApiKeyForm scopes={grantable} />
          </div>
        </section>
      ) : null}
    </div>
  );
}
