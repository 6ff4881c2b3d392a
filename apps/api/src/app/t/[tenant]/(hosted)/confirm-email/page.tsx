import type { Metadata } from "next";
import { Alert } from "@plinto/ui";
import { HostedCard } from "../_components/HostedCard";
import { ConfirmLinkForm } from "../_components/account-forms";
import { confirmEmailChangeAction } from "../_lib/account-actions";
import { linkToken } from "../_lib/forms";
import { requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your new email address" };

/**
 * From the link mailed to a new address (`?token=`): one button that moves the account to it, so
 * opening the link alone (a mail scanner, a preview) changes nothing.
 */
export default async function ConfirmEmailPage({ params, searchParams }: PageProps<"/t/[tenant]/confirm-email">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const token = linkToken((await searchParams).token);
  return (
    <HostedCard title="Confirm your new email address" description={`Press the button to use this address for your ${tenant.displayName} account.`}>
      {token ? (
        <ConfirmLinkForm
          action={confirmEmailChangeAction.bind(null, tenant.slug)}
          token={token}
          submitLabel="Confirm new email address"
          pendingLabel="Confirming…"
        />
      ) : (
        <Alert variant="danger">This link is not complete. Open the link from the email again, or enter its code in your account.</Alert>
      )}
    </HostedCard>
  );
}
