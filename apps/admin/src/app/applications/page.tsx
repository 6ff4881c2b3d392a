import { Alert, Badge, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
import { tenantContext } from "~/lib/tenant";
import { deleteApplicationAction } from "./actions";
import { CreateApplicationForm } from "./CreateApplicationForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Applications" };

const TYPES: Record<string, string> = { web: "Web", spa: "Single-page", native: "Native", machine: "Machine" };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext();
  if (!context) return <SignInFirst what="applications" />;
  const applications = await context.api.applications.list();
  const canWrite = context.can("applications:write");
  const deleting = typeof params.delete === "string" ? applications.find((a) => a.id === params.delete) : undefined;
  return (
    <TenantPage tenantName={context.tenant.name} title="Applications" lead="The apps that sign people in through this tenant's OpenID Provider.">
      {params.deleted ? <Alert variant="success" title="Application deleted">Its tokens, grants and consents went with it.</Alert> : null}
      {typeof params.error === "string" ? (
        <Alert variant="danger" title="The application was not deleted">
          {params.error === "forbidden" ? "Your role in this tenant cannot delete applications." : "The API could not delete it; try again."}
        </Alert>
      ) : null}
      {deleting && canWrite ? (
        <ConfirmPanel
          title={`Delete "${deleting.name}"?`}
          consequence="Everyone signed in to it is signed out of it, and its client ID stops working."
          action={deleteApplicationAction}
          fields={{ application: deleting.id }}
          confirmLabel="Delete the application"
          confirmVariant="danger"
          cancelHref="/applications"
          cancelLabel="Keep it"
        />
      ) : null}
      {applications.length === 0 ? (
        <EmptyState title="No applications yet" description="Register one below to sign people in through this tenant." />
      ) : (
        <Table caption="Applications, newest first">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Client ID</TableHeaderCell>
              <TableHeaderCell>Redirect URIs</TableHeaderCell>
              <TableHeaderCell>Consent</TableHeaderCell>
              {canWrite ? <TableHeaderCell>Actions</TableHeaderCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {applications.map((app) => (
              <TableRow key={app.id}>
                <TableHeaderCell scope="row">{app.name}</TableHeaderCell>
                <td className="px-4 py-3">{TYPES[app.type] ?? app.type}</td>
                <td className="px-4 py-3">
                  <code className="font-mono text-xs">{app.clientId}</code>
                </td>
                <td className="px-4 py-3 text-xs break-all">{app.redirectUris.join(" ") || "—"}</td>
                <td className="px-4 py-3">{app.firstParty ? <Badge>First party</Badge> : <Badge tone="warning">Asks users</Badge>}</td>
                {canWrite ? (
                  <td className="px-4 py-3">
                    <ButtonLink href={`/applications?delete=${app.id}`} variant="ghost" size="sm" aria-label={`Delete ${app.name}`}>
                      Delete
                    </ButtonLink>
                  </td>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canWrite ? (
        <section aria-labelledby="new-application-title">
          <h2 id="new-application-title" className="text-xl font-bold tracking-tight">
            Register an application
          </h2>
          <div className="mt-4">
            <CreateApplicationForm />
          </div>
        </section>
      ) : null}
    </TenantPage>
  );
}
