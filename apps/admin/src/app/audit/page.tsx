import { Alert, ButtonLink, EmptyState, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import { PlintoApiError, PlintoNetworkError } from "@plinto/sdk";
import type { AuditEvent } from "@plinto/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "~/components/AuditFilters";
import { ACTOR_TYPE_WORDS, apiFilters, filterForm, formQuery } from "~/lib/audit";
import { TenantPage } from "~/components/TenantPage";
import { tenantContext } from "~/lib/tenant";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit log" };

const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const form = filterForm(params);
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const context = await tenantContext().catch(() => null);

  let body;
  if (!context) {
    body = (
      <Alert variant="info" title="Sign in to see the audit log" role="note">
        The audit log shows the tenants you administer. Sign in with your Plinto account first.
      </Alert>
    );
  } else if (!context.can("audit:read")) {
    body = (
      <Alert variant="warning" title="Your role cannot read this tenant's audit log">
        Ask an owner of {context.tenant.name} for a role with the audit:read permission.
      </Alert>
    );
  } else {
    let page: { events: AuditEvent[]; nextCursor: string | null } | undefined;
    let problem: string | undefined;
    try {
      page = await context.api.auditEvents.list({ ...apiFilters(form), limit: 50, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      if (error instanceof PlintoApiError && error.code === "validation_failed") {
        problem = [error.title, ...Object.entries(error.fields).map(([field, messages]) => `${field}: ${messages.join(", ")}`)].join(" — ");
      } else if (error instanceof PlintoApiError || error instanceof PlintoNetworkError) {
        problem = error.message;
      } else {
        throw error;
      }
    }
    body = (
      <>
        <AuditFilters form={form} />
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <span className="text-sm text-muted">Export the events these filters match (up to 10 000):</span>
          <ButtonLink href={`/audit/export${formQuery(form, { format: "csv" })}`} variant="secondary" size="sm" download>
            Export CSV
          </ButtonLink>
          <ButtonLink href={`/audit/export${formQuery(form, { format: "json" })}`} variant="secondary" size="sm" download>
            Export JSON
          </ButtonLink>
        </div>
        <div className="mt-6">
          {problem ? (
            <Alert variant="danger" title="The audit log could not be loaded">
              {problem}
            </Alert>
          ) : page && page.events.length === 0 ? (
            <EmptyState
              headingLevel={2}
              title={cursor ? "No more events" : "No events match"}
              description={cursor ? "You have reached the oldest event these filters match." : "Nothing in this tenant's audit log matches these filters. Widen the time range or clear a filter."}
              action={<ButtonLink href="/audit">Show every event</ButtonLink>}
            />
          ) : page ? (
            <>
              <Table caption={`Audit events in ${context.tenant.name}, newest first`}>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Time</TableHeaderCell>
                    <TableHeaderCell>Action</TableHeaderCell>
                    <TableHeaderCell>Actor</TableHeaderCell>
                    <TableHeaderCell>Target</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {page.events.map((event) => (
                    <TableRow key={event.id}>
                      <TableCell className="whitespace-nowrap">
                        <time dateTime={event.occurredAt}>{time(event.occurredAt)}</time>
                      </TableCell>
                      <TableHeaderCell scope="row">
                        <Link className="font-mono text-brand-700 underline" href={`/audit/${event.id}`}>
                          {event.action}
                        </Link>
                      </TableHeaderCell>
                      <TableCell>
                        {ACTOR_TYPE_WORDS[event.actorType]}
                        {event.actorId ? <code className="ml-2 font-mono text-xs">{event.actorId}</code> : null}
                      </TableCell>
                      <TableCell>
                        {event.targetType ?? "—"}
                        {event.targetId ? <code className="ml-2 font-mono text-xs">{event.targetId}</code> : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {page.nextCursor ? (
                <nav aria-label="Audit log pages" className="mt-4">
                  <ButtonLink href={`/audit${formQuery(form, { cursor: page.nextCursor })}`} variant="secondary">
                    Older events
                  </ButtonLink>
                </nav>
              ) : null}
            </>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <TenantPage
      tenantName={context?.tenant.name}
      title="Audit log"
      lead="Every security-relevant change in this tenant, who made it and when. The log is append-only and hash-chained: an event cannot be edited or removed."
    >
      <div>{body}</div>
    </TenantPage>
  );
}
