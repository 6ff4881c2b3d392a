import type { Metadata } from "next";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { ConfirmLinkForm } from "../_components/account-forms";
import { startImpersonationAction } from "../_lib/actions";
import { linkToken } from "../_lib/forms";
import { hostedPath, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in as a user" };

/**
 * An administrator's impersonation link (`?ticket=`): a button that starts the session, so a link
 * scanner or a prefetch spends nothing. The session that follows shows a banner on every page.
 */
export default async function ImpersonatePage({ params, searchParams }: PageProps<"/t/[tenant]/impersonate">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const ticket = linkToken((await searchParams).ticket);
  if (!ticket) {
    return (
      <HostedCard title="Sign in as a user" description="This link is not complete. Ask for a new one from the admin dashboard.">
        <p className="text-sm text-muted">
          <TextLink href={hostedPath(tenant.slug, "sign-in")}>Sign in</TextLink>
        </p>
      </HostedCard>
    );
  }
  return (
    <HostedCard
      title="Sign in as a user"
      description={`You are about to sign in to ${tenant.displayName} as one of its users, for support. They may be told, and it is recorded.`}
    >
      <ConfirmLinkForm
        action={startImpersonationAction.bind(null, tenant.slug)}
        token={ticket}
        submitLabel="Start the impersonation"
        pendingLabel="Starting…"
      />
    </HostedCard>
  );
}
