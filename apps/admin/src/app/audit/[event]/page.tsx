import { Alert, ButtonLink } from "@plinto/ui";
import { PlintoApiError, PlintoNetworkError } from "@plinto/sdk";
import type { AuditEvent } from "@plinto/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ACTOR_TYPE_WORDS } from "~/lib/audit";
import { tenantContext } from "~/lib/tenant";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit event" };

export default async function AuditEventPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: eventId } = await params;
  const context = await tenantContext().catch(() => null);
  let event: AuditEvent | undefined;
  let problem: ReactNode;
  if (!context) {
    problem = "Sign in with your Plinto account to see the audit log of the tenants you administer.";
  } else {
    try {
      event = await context.api.auditEvents.get(eventId);
    } catch (error) {
      if (error instanceof PlintoApiError && error.code === "not_found") notFound();
      if (error instanceof PlintoApiError || error instanceof PlintoNetworkError) problem = error.message;
      else if (error instanceof TypeError) notFound();
      else throw error;
    }
  }

  const rows: Array<[string, ReactNode]> = event
    ? [
        ["Event id", <code key="id" className="font-mono">{event.id}</code>],
        ["Time", <time key="time" dateTime={event.occurredAt}>{event.occurredAt}</time>],
        ["Action", <code key="action" className="font-mono">{event.action}</code>],
        ["Actor", `${ACTOR_TYPE_WORDS[event.actorType]}${event.actorId ? ` ${event.actorId}` : ""}`],
        ["Target", event.targetType || event.targetId ? `${event.targetType ?? ""} ${event.targetId ?? ""}`.trim() : "—"],
        ["IP address", event.ipAddress ?? "—"],
        ["User agent", event.userAgent ?? "—"],
        ["Place in the chain", String(event.seq)],
        ["Hash", <code key="hash" className="font-mono text-xs break-all">{event.hash}</code>],
        ["Previous hash", event.prevHash ? <code key="prev" className="font-mono text-xs break-all">{event.prevHash}</code> : "— (first event)"],
      ]
    : [];

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <p className="text-sm">
        <Link className="font-medium text-brand-700 underline" href="/audit">
          ← Audit log
        </Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">{event ? event.action : "Audit event"}</h1>
      {problem ? (
        <Alert variant="danger" title="This event could not be loaded" className="mt-6">
          {problem}
        </Alert>
      ) : null}
      {event ? (
        <>
          <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-3 rounded-card border border-line bg-surface p-5 sm:grid-cols-[12rem_minmax(0,1fr)]">
            {rows.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-sm font-medium text-muted">{term}</dt>
                <dd className="text-sm break-words text-ink">{value}</dd>
              </div>
            ))}
          </dl>
          <h2 className="mt-8 text-xl font-bold tracking-tight">Data</h2>
          <pre tabIndex={0} aria-label="The event's data as JSON" className="mt-3 overflow-x-auto rounded-card border border-line bg-canvas p-4 font-mono text-sm">
            {JSON.stringify(event.data, null, 2)}
          </pre>
          <div className="mt-6">
            <ButtonLink href={event.targetId ? `/audit?target=${encodeURIComponent(event.targetId)}` : "/audit"} variant="secondary">
              {event.targetId ? "Every event for this target" : "Back to the audit log"}
            </ButtonLink>
          </div>
        </>
      ) : null}
    </div>
  );
}
