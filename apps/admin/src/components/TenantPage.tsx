import { EmptyState, PageFrame } from "@plinto/ui";
import type { ReactNode } from "react";

/**
 * The frame of a page about the chosen tenant: its name above the title (or "Admin dashboard" when
 * there is none yet), a lead, an optional action beside the title, then the content.
 */
export function TenantPage(props: { tenantName?: string | undefined; title: string; lead?: ReactNode; action?: ReactNode; children: ReactNode }) {
  return (
    <PageFrame eyebrow={props.tenantName ?? "Admin dashboard"} title={props.title} lead={props.lead} action={props.action}>
      {props.children}
    </PageFrame>
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
