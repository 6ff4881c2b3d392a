import { useId, type ReactNode } from "react";
import { Alert } from "./Alert";
import { cn } from "./cn";
import { StatusDot, StatusPill, type Status } from "./StatusDot";

export interface StatusCheck {
  name: string;
  status: Status;
  /** What was found, e.g. "PGlite" or "12 of 12 applied". */
  detail?: string;
}

export interface StatusFact {
  label: string;
  value: ReactNode;
}

export type StatusPanelResult =
  | {
      reachable: true;
      /** The overall state, shown as a pill next to the heading. */
      overall: Status;
      /** The pill's text, e.g. "Ready" or "Not ready". */
      summary: string;
      facts?: StatusFact[];
      /** The individual checks; leave empty for a compact panel that shows only the summary. */
      checks: StatusCheck[];
    }
  | {
      reachable: false;
      /** Why the call failed, as the client reported it. */
      error: string;
    };

export interface StatusPanelProps {
  title?: string;
  /** The API base URL that was called; shown when it cannot be reached. */
  apiUrl: string;
  result: StatusPanelResult;
  /** When the status was read (ISO 8601); rendered as a `<time>`. */
  checkedAt?: string;
  headingLevel?: 2 | 3;
  /** Extra content under the panel body: links to raw endpoints, how to start the API… */
  children?: ReactNode;
  className?: string;
}

/** How a single check reads: it passed or failed, rather than being "operational". */
const checkLabels: Record<Status, string> = { ok: "OK", degraded: "Degraded", down: "Failed", unknown: "Unknown" };

/** "2025-01-31T09:15:02.123Z" → "2025-01-31 09:15:02 UTC"; anything unparsable is shown as given. */
function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * The live status of a Plinto API, from data the caller fetched (this package never calls the
 * API itself). Unreachable is a normal state with its own message, not an error boundary.
 */
export function StatusPanel({ title = "Platform status", apiUrl, result, checkedAt, headingLevel = 2, children, className }: StatusPanelProps) {
  const headingId = `status${useId()}-title`;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby={headingId} className={cn("rounded-card border border-line bg-surface p-6 shadow-sm", className)}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Heading id={headingId} className="text-lg font-semibold text-ink">
          {title}
        </Heading>
        {result.reachable ? <StatusPill status={result.overall} label={result.summary} /> : <StatusPill status="down" label="Unreachable" />}
      </div>

      {result.reachable ? (
        <>
          {result.facts && result.facts.length > 0 ? (
            <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
              {result.facts.map((fact) => (
                <div key={fact.label}>
                  <dt className="text-muted">{fact.label}</dt>
                  <dd className="font-medium break-words text-ink">{fact.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {result.checks.length > 0 ? (
            <ul className="mt-4 divide-y divide-line rounded-md border border-line" aria-label="Readiness checks">
              {result.checks.map((check) => (
                <li key={check.name} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                  <span className="flex items-center gap-2 font-medium text-ink">
                    <StatusDot status={check.status} label={null} />
                    {check.name}
                  </span>
                  <span className="flex items-center gap-3 text-muted">
                    {check.detail ? <span>{check.detail}</span> : null}
                    <StatusPill status={check.status} label={checkLabels[check.status]} />
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <Alert variant="danger" role="status" title={`API unreachable at ${apiUrl}`} className="mt-4">
          <p className="break-words">{result.error}</p>
        </Alert>
      )}

      {children ? <div className="mt-4 text-sm text-muted">{children}</div> : null}
      {checkedAt ? (
        <p className="mt-4 text-xs text-muted">
          Checked <time dateTime={checkedAt}>{formatUtc(checkedAt)}</time>
        </p>
      ) : null}
    </section>
  );
}
