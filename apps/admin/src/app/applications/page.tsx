import { Alert, Badge, Button, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { tenantContext } from "~/lib/tenant";
import { deleteApplicationAction } from "./actions";
import { CreateApplicationForm } from "./CreateApplicationForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Applications" };

const TYPES: Record<string, string> = { web: "Web", spa: "Single-page", native: "Native", machine: "Machine" };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext();
  if (!context) {
    return (
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <EmptyState headingLevel={2} title="Sign in to see applications" description="Applications belong to a tenant you administer." />
      </div>
    );
  }
  const applications = await context.api.applications.list();
  const canWrite = context.can("applications:write");
  const deleting = typeof params.delete === "string" ? applications.find((a) => a.id === params.delete) : undefined;
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6">
      <header>
        <p className="text-sm font-semibold text-brand-700">{context.tenant.name}</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">Applications</h1>
        <p className="mt-2 max-w-3xl text-muted">The apps that sign people in through this tenant&apos;s OpenID Provider.</p>
      </header>
      {params.deleted ? <Alert variant="success" title="Application deleted">Its tokens, grants and consents went with it.</Alert> : null}
      {typeof params.error === "string" ? (
        <Alert variant="danger" title="The application was not deleted">
          {params.error === "forbidden" ? "Your role in this tenant cannot delete applications." : "The API could not delete it; try again."}
        </Alert>
      ) : null}
      {deleting && canWrite ? (
        <Alert variant="warning" title={`Delete "${deleting.name}"?`}>
          <form action={deleteApplicationAction} className="mt-2 flex flex-wrap items-center gap-3">
            <input type="hidden" name="application" value={deleting.id} />
            <span>Everyone signed in to it is signed out of it, and its client ID stops working.</span>
            <Button type="submit" variant="danger">
              Delete the application
            </Button>
            <ButtonLink href="/applications" variant="ghost">
              Keep it
            </ButtonLink>
          </form>
        </Alert>
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
    </div>
  );
}
