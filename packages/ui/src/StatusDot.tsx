import { cn } from "./cn";

export type Status = "ok" | "degraded" | "down" | "unknown";

const dot: Record<Status, string> = {
  ok: "bg-success",
  degraded: "bg-warning",
  down: "bg-danger",
  unknown: "bg-muted",
};

const pill: Record<Status, string> = {
  ok: "border-success/30 bg-success-soft text-success",
  degraded: "border-warning/30 bg-warning-soft text-warning",
  down: "border-danger/30 bg-danger-soft text-danger",
  unknown: "border-line bg-canvas text-muted",
};

/** The word a status is read as when no label is given. */
export const statusLabels: Record<Status, string> = {
  ok: "Operational",
  degraded: "Degraded",
  down: "Down",
  unknown: "Unknown",
};

export interface StatusDotProps {
  status: Status;
  /** Text for screen readers; defaults to the status word. Pass `null` when visible text already says it. */
  label?: string | null;
  className?: string;
}

/** A coloured dot. Colour is never the only signal: it carries a text alternative unless told not to. */
export function StatusDot({ status, label, className }: StatusDotProps) {
  const text = label === undefined ? statusLabels[status] : label;
  return (
    <span className={cn("inline-flex items-center", className)} data-status={status}>
      <span aria-hidden="true" className={cn("inline-block size-2.5 shrink-0 rounded-full", dot[status])} />
      {text ? <span className="sr-only">{text}</span> : null}
    </span>
  );
}

export interface StatusPillProps {
  status: Status;
  /** Visible text; defaults to the status word. */
  label?: string;
  className?: string;
}

/** A dot plus a visible word, e.g. "Operational". */
export function StatusPill({ status, label, className }: StatusPillProps) {
  return (
    <span
      data-status={status}
      className={cn("inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium", pill[status], className)}
    >
      <span aria-hidden="true" className={cn("inline-block size-2 shrink-0 rounded-full", dot[status])} />
      {label ?? statusLabels[status]}
    </span>
  );
}
