import type { Metadata } from "next";
import { Alert } from "@plinto/ui";
import { HostedCard } from "../_components/HostedCard";
import { ConfirmLinkForm } from "../_components/account-forms";
import { cancelDeletionAction } from "../_lib/account-actions";
import { linkToken } from "../_lib/forms";
import { requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Keep your account" };

/**
 * From the link mailed when a deletion was scheduled (`?token=`): one button that keeps the account, so
 * opening the link alone (a mail scanner, a preview) changes nothing.
 */
export default async function CancelDeletionPage({ params, searchParams }: PageProps<"/t/[tenant]/cancel-deletion">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const token = linkToken((await searchParams).token);
  return (
    <HostedCard title="Keep your account" description={`Press the button to cancel the deletion of your ${tenant.displayName} account.`}>
      {token ? (
        <ConfirmLinkForm
          action={cancelDeletionAction.bind(null, tenant.slug)}
          token={token}
          submitLabel="Keep my account"
          pendingLabel="Cancelling…"
        />
      ) : (
        <Alert variant="danger">This link is not complete. Open the link from the email again, or sign in to cancel the deletion.</Alert>
      )}
    </HostedCard>
  );
}
