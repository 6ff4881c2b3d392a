import type { Metadata } from "next";
import type { CSSProperties } from "react";
import { SiteShell } from "@plinto/ui";
import { getRuntime } from "../../../../lib/runtime";
import { impersonationOfSession } from "../../../../services/impersonation/impersonation";
import { currentSession, hostedPath, loadHostedTenant, requireHostedTenant } from "./_lib/hosted";

// Per request, never cached: the pages read cookies and carry one-time tokens.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ tenant: string }> }): Promise<Metadata> {
  const tenant = await loadHostedTenant((await params).tenant);
  return {
    ...(tenant ? { title: { template: `%s · ${tenant.displayName}`, default: tenant.displayName } } : {}),
    // Links from mail put one-time tokens in these pages' URLs, so a Referer carries the origin at
    // most, never the path or query. Not "no-referrer": under it Chromium sends `Origin: null` with
    // a form POST, and Next refuses such a server action (its CSRF check), so the pages would stop
    // working without JavaScript.
    referrer: "strict-origin",
    robots: { index: false, follow: false },
  };
}

/**
 * The frame of a tenant's hosted pages: the tenant's name (and logo) instead of Plinto's, its
 * primary colour as the theme's brand scale, and a narrow centred column for the page's card.
 */
export default async function HostedLayout({ children, params }: LayoutProps<"/t/[tenant]">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const live = await currentSession(tenant);
  const { database } = await getRuntime();
  const impersonation = live ? await impersonationOfSession(database.db, live.session) : undefined;
  return (
    <div style={tenant.style as CSSProperties | undefined}>
      {impersonation && live ? (
        // Whoever is at the screen must always see that this is someone else's account.
        <div role="status" aria-label="Impersonation" className="bg-warning-soft px-4 py-3 text-center text-sm text-ink" data-testid="impersonation-banner">
          <strong>You are signed in as {live.user.email}</strong> by {impersonation.actorLabel}, for support, until{" "}
          {live.session.expiresAt.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC")}. Reason: {impersonation.reason}
        </div>
      ) : null}
      <SiteShell
        productName={tenant.displayName}
        homeHref={hostedPath(tenant.slug, "sign-in")}
        footer={<p>Secured by Plinto</p>}
      >
        <div className="mx-auto grid w-full max-w-md gap-6 px-4 py-10 sm:py-16">
          {tenant.logoUrl ? (
            // A tenant's logo from its own https host: next/image would fetch it through this server.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={tenant.logoUrl} alt="" referrerPolicy="no-referrer" className="mx-auto h-12 w-auto max-w-48 object-contain" />
          ) : null}
          {children}
        </div>
      </SiteShell>
    </div>
  );
}
