import { ADMIN_ROLE_KEYS } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { Alert, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmPanel } from "@plinto/ui";
import { RoleCell } from "~/components/RoleCell";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { managementApi } from "~/lib/api";
import { operatorContext } from "~/lib/tenant";
import { problemText } from "@plinto/ui";
import { tenantAdminChangeAction } from "../actions";
import { OpenTenantButton, TenantBadges, TenantOutcome, TenantStatusConfirm } from "../shared";
import { AddTenantAdminForm } from "../TenantForms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenant" };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

/**
 * One tenant, for platform operators: its status and who administers it. Admins are people with an
 * account in the platform tenant; owners of the platform tenant add them, change their role and
 * remove them (the API allows nobody else: `tenants:*` only count in the platform tenant, so a
 * customer tenant's own owner cannot change its admins from inside it).
 */
export default async function TenantDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const query = await searchParams;
  const operator = await operatorContext().catch(() => null);
  if (!operator) {
    if (!(await managementApi())) return <SignInFirst what="tenants" />;
    notFound();
  }
  let tenant;
  try {
    tenant = await operator.api.tenants.get(slug);
  } catch (error) {
    if (error instanceof PlintoApiError && error.code === "not_found") notFound();
    throw error;
  }
  let admins;
  let problem: string | undefined;
  try {
    admins = await operator.api.tenants.admins.list(tenant.slug);
  } catch (error) {
    problem = problemText(error);
  }
  const page = `/tenants/${tenant.slug}`;
  const canWrite = operator.can("tenants:write");
  const mayChange = operator.mayChangeAdmins;
  const confirm = typeof query.confirm === "string" ? query.confirm : undefined;
  const removing = confirm === "remove-admin" && mayChange ? admins?.find((a) => a.userId === query.target) : undefined;

  return (
    <TenantPage
      tenantName={operator.platform.name}
      title={tenant.name}
      lead={
        <>
          Tenant <code className="font-mono">{tenant.slug}</code>, created {day(tenant.createdAt)}. <TenantBadges tenant={tenant} />
        </>
      }
      action={
        <div className="flex flex-wrap gap-2">
          {operator.administers.has(tenant.slug) && tenant.status === "active" ? <OpenTenantButton slug={tenant.slug} name={tenant.name} /> : null}
          {canWrite && tenant.kind === "customer" ? (
            <ButtonLink href={`${page}?confirm=status`} variant="ghost" size="sm">
              {tenant.status === "active" ? "Suspend" : "Reactivate"}
            </ButtonLink>
          ) : null}
          <ButtonLink href="/tenants" variant="ghost" size="sm">
            All tenants
          </ButtonLink>
        </div>
      }
    >
      <TenantOutcome query={query} />
      {confirm === "status" && canWrite && tenant.kind === "customer" ? <TenantStatusConfirm tenant={tenant} back="tenant" cancelHref={page} /> : null}
      {removing ? (
        <ConfirmPanel
          title={`Remove ${removing.email} as an admin of ${tenant.name}?`}
          consequence="They can no longer manage it, from their next request. Their account stays."
          action={tenantAdminChangeAction}
          fields={{ tenant: tenant.slug, change: "remove-admin", target: removing.userId }}
          confirmLabel="Remove the admin"
          confirmVariant="danger"
          cancelHref={page}
          cancelLabel="Keep them"
        />
      ) : null}

      <section aria-labelledby="admins-title" className="space-y-4">
        <div>
          <h2 id="admins-title" className="text-xl font-bold tracking-tight">
            Admins
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-muted">
            Who manages this tenant in the dashboard and the management API, and with which role. Owners and admins may do everything; only owners of the
            platform tenant change this list.
          </p>
        </div>
        {problem ? (
          <Alert variant="danger" title="The admins could not be loaded">
            {problem}
          </Alert>
        ) : !admins || admins.length === 0 ? (
          <EmptyState title="Nobody administers this tenant" description="Add someone with an account in the platform tenant." />
        ) : (
          <Table caption={`Admins of ${tenant.name}`} hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Email</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Since</TableHeaderCell>
                {mayChange ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {admins.map((admin) => (
                <TableRow key={admin.userId}>
                  <TableHeaderCell scope="row">{admin.email}</TableHeaderCell>
                  <td className="px-4 py-3">{admin.name ?? "—"}</td>
                  <td className="px-4 py-3">
                    <RoleCell
                      email={admin.email}
                      role={admin.role}
                      roles={ADMIN_ROLE_KEYS}
                      mayChange={mayChange}
                      action={tenantAdminChangeAction}
                      fields={{ tenant: tenant.slug, change: "admin-role", target: admin.userId }}
                    />
                  </td>
                  <td className="px-4 py-3">{day(admin.since)}</td>
                  {mayChange ? (
                    <td className="px-4 py-3">
                      <ButtonLink href={`${page}?confirm=remove-admin&target=${admin.userId}`} variant="ghost" size="sm" aria-label={`Remove ${admin.email}`}>
                        Remove
                      </ButtonLink>
                    </td>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {mayChange ? <AddTenantAdminForm slug={tenant.slug} roles={ADMIN_ROLE_KEYS} /> : null}
      </section>
    </TenantPage>
  );
}
