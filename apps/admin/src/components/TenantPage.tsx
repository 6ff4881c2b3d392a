import { Alert, Button, ButtonLink, EmptyState, type ButtonVariant } from "@plinto/ui";
import type { ReactNode } from "react";

/**
 * The frame of a page about the chosen tenant: its name above the title (or "Admin dashboard" when
 * there is none yet), a lead, an optional action beside the title, then the content.
 */
export function TenantPage(props: { tenantName?: string | undefined; title: string; lead?: ReactNode; action?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-brand-700">{props.tenantName ?? "Admin dashboard"}</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight">{props.title}</h1>
          {props.lead ? <p className="mt-2 max-w-3xl text-muted">{props.lead}</p> : null}
        </div>
        {props.action}
      </header>
      {props.children}
    </div>
  );
}

/** What a tenant page shows to someone signed out (or who administers no tenant). */
export function SignInFirst({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <EmptyState
        headingLevel={2}
        title={`Sign in to see ${what}`}
        description="This page is about a tenant you administer: sign in at the top of the page (an owner of a tenant can make you one of its admins)."
      />
    </div>
  );
}

/**
 * The confirmation step of a consequential action, as its own page state (`?confirm=…`), so it
 * works without JavaScript: what will happen, the button that does it, and a way back.
 */
export function ConfirmPanel(props: {
  title: string;
  consequence: ReactNode;
  action: (form: FormData) => Promise<void>;
  fields?: Record<string, string>;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  cancelHref: string;
  cancelLabel: string;
}) {
  return (
    <Alert variant="warning" title={props.title}>
      <form action={props.action} className="mt-2 flex flex-wrap items-center gap-3">
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <span>{props.consequence}</span>
        <Button type="submit" variant={props.confirmVariant ?? "primary"}>
          {props.confirmLabel}
        </Button>
        <ButtonLink href={props.cancelHref} variant="ghost">
          {props.cancelLabel}
        </ButtonLink>
      </form>
    </Alert>
  );
}

/** What a page shows while the API answers (a route's `loading.tsx`): its title and a polite status. */
export function LoadingPage({ title, what }: { title: string; what: string }) {
  return (
    <TenantPage title={title}>
      <p role="status" className="animate-pulse rounded-card border border-dashed border-line bg-surface px-6 py-10 text-center text-sm text-muted">
        Loading {what}…
      </p>
    </TenantPage>
  );
}
