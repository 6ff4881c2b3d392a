import type { Metadata } from "next";
import { ButtonLink } from "@plinto/ui";
import { HostedCard } from "../_components/HostedCard";
import { ConfirmLinkForm } from "../_components/account-forms";
import { linkToken } from "../_lib/forms";
import { currentSession, hostedPath, requireHostedTenant } from "../_lib/hosted";
import { acceptInvitationAction, declineInvitationAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your invitation" };

/**
 * From an invitation mail's link (`?token=`): signed in, one button to accept and one to decline,
 * so opening the link alone changes nothing; signed out, a way to sign in or create the account
 * first (then the link is opened again from the mail).
 */
export default async function InvitationPage({ params, searchParams }: PageProps<"/t/[tenant]/invitation">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const token = linkToken((await searchParams).token);
  if (!token) {
    return (
      <HostedCard title="This invitation link is not complete" description="Open the link from the invitation email again.">
        <ButtonLink href={hostedPath(tenant.slug, "sign-in")} className="w-full">
          Sign in
        </ButtonLink>
      </HostedCard>
    );
  }
  const live = await currentSession(tenant);
  if (!live) {
    return (
      <HostedCard
        title="You're invited"
        description={`Sign in to ${tenant.displayName} with the invited email address (or create the account), then open the link from the email again.`}
      >
        <ButtonLink href={hostedPath(tenant.slug, "sign-in")} className="w-full">
          Sign in
        </ButtonLink>
        <ButtonLink href={hostedPath(tenant.slug, "sign-up")} className="w-full" variant="secondary">
          Create an account
        </ButtonLink>
      </HostedCard>
    );
  }
  return (
    <HostedCard title="You're invited" description={`Join the organization as ${live.user.email}?`}>
      <ConfirmLinkForm action={acceptInvitationAction.bind(null, tenant.slug)} token={token} submitLabel="Accept invitation" pendingLabel="Joining…" />
      <ConfirmLinkForm action={declineInvitationAction.bind(null, tenant.slug)} token={token} submitLabel="Decline" pendingLabel="Declining…" />
    </HostedCard>
  );
}
