import { Button, ButtonLink, EmptyState, Field, Input, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { tenantContext } from "~/lib/tenant";
import { CreateOrganizationForm } from "./OrganizationForms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext().catch(() => null);
  if (!context) return <SignInFirst what="organizations" />;
  const q = typeof params.q === "string" ? params.q.trim() : "";
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const page = await context.api.organizations.list({ ...(q ? { q } : {}), ...(cursor ? { cursor } : {}), limit: 25 });
  // The platform tenant's organizations that stand for tenants are tenant administration's, not listed here.
  const organizations = page.organizations.filter((o) => o.managedTenantId === null);
  return (
    <TenantPage tenantName={context.tenant.name} title="Organizations" lead="The companies and teams this tenant's users belong to.">
      <form method="get" action="/organizations" role="search" aria-label="Organizations" className="flex flex-wrap items-end gap-3">
        <Field label="Search">
          <Input name="q" type="search" defaultValue={q} placeholder="Name or slug" />
        </Field>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {organizations.length === 0 ? (
        <EmptyState title={q ? "No organizations match" : "No organizations yet"} description="Create one below, or let users create their own." />
      ) : (
        <Table caption="Organizations, newest first">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Slug</TableHeaderCell>
              <TableHeaderCell>Second factor</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {organizations.map((org) => (
              <TableRow key={org.id}>
                <TableHeaderCell scope="row">
                  <Link href={`/organizations/${org.id}`} className="font-medium text-brand-700 underline">
                    {org.name}
                  </Link>
                </TableHeaderCell>
                <td className="px-4 py-3">
                  <code className="font-mono text-xs">{org.slug}</code>
                </td>
                <td className="px-4 py-3">{org.mfaPolicy.mode === "required" ? "Required" : "As the tenant says"}</td>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {page.nextCursor ? (
        <ButtonLink href={`/organizations?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}`} variant="secondary">
          Next page
        </ButtonLink>
      ) : null}
      {context.can("organizations:write") ? (
        <section aria-labelledby="new-organization-title" className="space-y-4">
          <h2 id="new-organization-title" className="text-xl font-bold tracking-tight">
            New organization
          </h2>
          <CreateOrganizationForm />
        </section>
      ) : null}
    </TenantPage>
  );
}
