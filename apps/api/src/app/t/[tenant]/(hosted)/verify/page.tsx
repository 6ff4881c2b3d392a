import type { Metadata } from "next";
import { Alert } from "@plinto/ui";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { ConfirmLinkForm, ResendVerificationForm, VerifyCodeForm } from "../_components/account-forms";
import { resendVerificationAction, verifyCodeAction, verifyTokenAction } from "../_lib/actions";
import { linkToken } from "../_lib/forms";
import { hostedPath, pendingEmail, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your email address" };

/**
 * From the mail's link (`?token=`): one button that confirms, so opening the link alone changes
 * nothing. Otherwise the address and the six-digit code, and a way to get a new code.
 */
export default async function VerifyPage({ params, searchParams }: PageProps<"/t/[tenant]/verify">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const query = await searchParams;
  const token = linkToken(query.token);
  const email = await pendingEmail();

  if (token) {
    return (
      <HostedCard title="Confirm your email address" description={`Press the button to confirm the address for your ${tenant.displayName} account.`}>
        <ConfirmLinkForm
          action={verifyTokenAction.bind(null, tenant.slug)}
          token={token}
          submitLabel="Confirm email address"
          pendingLabel="Confirming…"
          failureHelp={<a href={hostedPath(tenant.slug, "verify")}>Enter the code from the email instead</a>}
        />
      </HostedCard>
    );
  }

  return (
    <HostedCard title="Confirm your email address" description="Enter the 6-digit code from the email we sent you, or open the link in it.">
      {query.sent && email ? <Alert variant="success">We&apos;ve sent an email to {email}. It may take a minute to arrive.</Alert> : null}
      <VerifyCodeForm action={verifyCodeAction.bind(null, tenant.slug)} defaultEmail={email} />
      <ResendVerificationForm action={resendVerificationAction.bind(null, tenant.slug)} defaultEmail={email} />
      <p className="text-sm text-muted">
        Already confirmed? <TextLink href={hostedPath(tenant.slug, "sign-in")}>Sign in</TextLink>
      </p>
    </HostedCard>
  );
}
