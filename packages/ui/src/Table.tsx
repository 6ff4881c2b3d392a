import { useId, type HTMLAttributes, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from "react";
import { cn } from "./cn";

export interface TableProps extends HTMLAttributes<HTMLTableElement> {
  /** Names the table for screen readers (and, unless hidden, for everyone). Required. */
  caption: ReactNode;
  /** Keep the caption for assistive technology only, when a visible heading already names the table. */
  hideCaption?: boolean;
}

/**
 * A data table. The caption is required; the wrapper scrolls sideways on narrow screens and is
 * focusable so keyboard users can scroll it too.
 */
export function Table({ caption, hideCaption, className, children, ...props }: TableProps) {
  const captionId = `table${useId()}-caption`;
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="overflow-x-auto rounded-card border border-line bg-surface focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        <caption id={captionId} className={hideCaption ? "sr-only" : "px-4 pt-4 pb-2 text-left text-sm font-semibold text-ink"}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-b border-line bg-canvas", className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-line", className)} {...props} />;
}

export function TableRow(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

export interface TableHeaderCellProps extends ThHTMLAttributes<HTMLTableCellElement> {
  /** `col` for column headers (the default); `row` for the first cell of a row that names it. */
  scope?: "col" | "row" | "colgroup" | "rowgroup";
}

export function TableHeaderCell({ scope = "col", className, ...props }: TableHeaderCellProps) {
  return (
    <th
      scope={scope}
      className={cn(scope === "row" ? "px-4 py-3 font-medium text-ink" : "px-4 py-3 text-xs font-semibold tracking-wide text-muted uppercase", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-3 text-ink", className)} {...props} />;
}
