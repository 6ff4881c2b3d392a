import { MANAGEMENT_SCOPES } from "@plinto/contracts";
import { ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow, Alert } from "@plinto/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { managementApi } from "~/lib/api";
import { operatorContext } from "~/lib/tenant";
import { problemText } from "@plinto/ui";
import { CreateTenantForm } from "./TenantForms";
import { OpenTenantButton, TenantBadges, TenantOutcome, TenantStatusConfirm } from "./shared";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenants" };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
// A customer tenant's key may hold anything but tenants:*, which only mean something in the platform tenant.
const TENANT_KEY_SCOPES = MANAGEMENT_SCOPES.filter((s) => !s.startsWith("tenants:"));

/**
 * Every tenant, for platform operators (admins of the platform tenant with `tenants:read`): a page
 * at a time, newest first; creating one; suspending and reactivating after a confirmation; opening
 * one they administer with the header's switcher.
 */
export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const operator = await operatorContext().catch(() => null);
  if (!operator) {
    if (!(await managementApi())) return <SignInFirst what="tenants" />;
    return (
      <TenantPage title="Tenants">
        <EmptyState headingLevel={2} title="For platform operators" description="Tenants are managed by admins of the platform tenant. An owner of the platform tenant can make you one." />
      </TenantPage>
    );
  }
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  let page;
  try {
    page = await operator.api.tenants.list({ limit: 25, ...(cursor ? { cursor } : {}) });
  } catch (error) {
    return (
      <TenantPage tenantName={operator.platform.name} title="Tenants">
        <Alert variant="danger" title="The tenants could not be loaded">
          {problemText(error)}
        </Alert>
      </TenantPage>
    );
  }
  const canWrite = operator.can("tenants:write");
  const confirming =
    canWrite && typeof params.confirm === "string" ? await operator.api.tenants.get(params.confirm).catch(() => undefined) : undefined;
  const here = cursor ? `/tenants?cursor=${encodeURIComponent(cursor)}` : "/tenants";
  return (
    <TenantPage tenantName={operator.platform.name} title="Tenants" lead="Every customer environment on this Plinto, with its own users, applications and signing keys.">
      <TenantOutcome query={params} />
      {confirming && confirming.kind === "customer" ? <TenantStatusConfirm tenant={confirming} back="list" cancelHref={here} /> : null}
      {page.tenants.length === 0 ? (
        <EmptyState title="No tenants on this page" description={cursor ? "Go back to the first page." : "Create the first one below."} />
      ) : (
        <Table caption="Tenants, newest first">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Slug</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.tenants.map((tenant) => (
              <TableRow key={tenant.id}>
                <TableHeaderCell scope="row">
                  <Link href={`/tenants/${tenant.slug}`} className="font-medium text-brand-700 underline">
                    {tenant.name}
                  </Link>
                </TableHeaderCell>
                <td className="px-4 py-3">
                  <code className="font-mono text-xs">{tenant.slug}</code>
                </td>
                <td className="px-4 py-3">
                  <TenantBadges tenant={tenant} />
                </td>
                <td className="px-4 py-3">{day(tenant.createdAt)}</td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap gap-2">
                    {operator.administers.has(tenant.slug) && tenant.status === "active" ? <OpenTenantButton slug={tenant.slug} name={tenant.name} /> : null}
                    {canWrite && tenant.kind === "customer" ? (
                      <ButtonLink
                        href={`${here}${here.includes("?") ? "&" : "?"}confirm=${tenant.slug}`}
                        variant="ghost"
                        size="sm"
                        aria-label={`${tenant.status === "active" ? "Suspend" : "Reactivate"} ${tenant.name}`}
                      >
                        {tenant.status === "active" ? "Suspend" : "Reactivate"}
                      </ButtonLink>
                    ) : null}
                  </div>
                </td>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className="flex flex-wrap gap-3">
        {cursor ? (
          <ButtonLink href="/tenants" variant="ghost">
            First page
          </ButtonLink>
        ) : null}
        {page.nextCursor ? (
          <ButtonLink href={`/tenants?cursor=${encodeURIComponent(page.nextCursor)}`} variant="secondary">
            Next page
          </ButtonLink>
        ) : null}
      </div>
      {canWrite ? (
        <section aria-labelledby="new-tenant-title" className="space-y-4">
          <h2 id="new-tenant-title" className="text-xl font-bold tracking-tight">
            New tenant
          </h2>
          <CreateTenantForm scopes={TENANT_KEY_SCOPES} />
        </section>
      ) : null}
    </TenantPage>
  );
}
