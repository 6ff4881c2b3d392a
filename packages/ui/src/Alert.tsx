import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export type AlertVariant = "info" | "success" | "warning" | "danger";

const styles: Record<AlertVariant, string> = {
  info: "border-brand-200 bg-brand-50 text-brand-900",
  success: "border-success/30 bg-success-soft text-success",
  warning: "border-warning/30 bg-warning-soft text-warning",
  danger: "border-danger/30 bg-danger-soft text-danger",
};

const icons: Record<AlertVariant, string> = {
  info: "M12 8h.01M11 12h1v4h1",
  success: "M8 12.5l2.5 2.5L16 9.5",
  warning: "M12 8v4m0 4h.01",
  danger: "M9 9l6 6m0-6l-6 6",
};

export interface AlertProps extends Omit<HTMLAttributes<HTMLDivElement>, "title"> {
  variant?: AlertVariant;
  /** A short summary shown in bold above the body. */
  title?: ReactNode;
  children?: ReactNode;
}

/**
 * A message about the page or an action. Info and success are announced politely
 * (`role="status"`); warnings and errors interrupt (`role="alert"`). Pass `role` to override it,
 * e.g. `role="note"` for a static notice that should not be announced at all.
 */
export function Alert({ variant = "info", title, children, className, role, ...props }: AlertProps) {
  const defaultRole = variant === "info" || variant === "success" ? "status" : "alert";
  return (
    <div
      role={role ?? defaultRole}
      className={cn("flex gap-3 rounded-card border p-4 text-sm", styles[variant], className)}
      {...props}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="12" cy="12" r="9" />
        <path d={icons[variant]} />
      </svg>
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="[&_a]:font-medium [&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}
