import type { ReactNode } from "react";
import { cn } from "./cn";

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** A next step, usually a `Button` or `ButtonLink`. */
  action?: ReactNode;
  /** A decorative icon; it is hidden from assistive technology. */
  icon?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

/** What a list or panel shows when it has nothing yet: what belongs here and how to add it. */
export function EmptyState({ title, description, action, icon, headingLevel = 3, className }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cn("flex flex-col items-center rounded-card border border-dashed border-muted/40 bg-surface px-6 py-10 text-center", className)}>
      {icon ? (
        <div aria-hidden="true" className="mb-3 text-muted">
          {icon}
        </div>
      ) : null}
      <Heading className="text-base font-semibold text-ink">{title}</Heading>
      {description ? <p className="mt-1 max-w-prose text-sm text-muted">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
