import { MANAGEMENT_SCOPES } from "@plinto/contracts";
import { Alert, Badge, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
import { tenantContext } from "~/lib/tenant";
import { revokeApiKeyAction } from "./actions";
import { CreateApiKeyForm } from "./CreateApiKeyForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" } as Intl.DateTimeFormatOptions) : "—");

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext();
  if (!context) return <SignInFirst what="API keys" />;
  const keys = await context.api.apiKeys.list();
  const canWrite = context.can("api_keys:write");
  // A key can only be given scopes its maker holds, and tenants:* only exist in the platform tenant.
  const grantable = MANAGEMENT_SCOPES.filter((s) => context.can(s) && (context.tenant.kind === "platform" || !s.startsWith("tenants:")));
  const revoking = typeof params.revoke === "string" ? keys.find((k) => k.id === params.revoke && !k.revokedAt) : undefined;
  return (
    <TenantPage tenantName={context.tenant.name} title="API keys" lead="Keys your backend uses to call the management API. Each has only the scopes it was given.">
      {params.revoked ? <Alert variant="success" title="Key revoked">It stopped working at once.</Alert> : null}
      {typeof params.error === "string" ? (
        <Alert variant="danger" title="The key was not revoked">
          {params.error === "forbidden" ? "Your role in this tenant cannot revoke keys." : "The API could not revoke the key; try again."}
        </Alert>
      ) : null}
      {revoking ? (
        <ConfirmPanel
          title={`Revoke "${revoking.name}"?`}
          consequence="Anything using it stops working at once."
          action={revokeApiKeyAction}
          fields={{ apiKey: revoking.id }}
          confirmLabel="Revoke the key"
          confirmVariant="danger"
          cancelHref="/api-keys"
          cancelLabel="Keep it"
        />
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
    </TenantPage>
  );
}
