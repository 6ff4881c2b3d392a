import type { Metadata } from "next";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { ConfirmLinkForm } from "../_components/account-forms";
import { EmailSignInForm } from "../_components/sign-in-forms";
import { completeEmailCodeAction, completeMagicLinkAction, requestEmailSignInAction } from "../_lib/actions";
import { linkToken } from "../_lib/forms";
import { hostedPath, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in with email" };

/**
 * The sign-in mail's link (`?token=`): a button that signs in, so a mail scanner opening the link
 * spends nothing. Without a token, the page asks for a new mail.
 */
export default async function MagicLinkPage({ params, searchParams }: PageProps<"/t/[tenant]/magic-link">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const token = linkToken((await searchParams).token);
  const signInHref = hostedPath(tenant.slug, "sign-in");
  if (token) {
    return (
      <HostedCard title="Sign in with email" description={`Press the button to sign in to ${tenant.displayName}.`}>
        <ConfirmLinkForm
          action={completeMagicLinkAction.bind(null, tenant.slug)}
          token={token}
          submitLabel={`Sign in to ${tenant.displayName}`}
          pendingLabel="Signing in…"
          failureHelp={<a href={hostedPath(tenant.slug, "magic-link")}>Send me a new sign-in link</a>}
        />
        <p className="text-sm text-muted">
          <TextLink href={signInHref}>Sign in another way</TextLink>
        </p>
      </HostedCard>
    );
  }
  return (
    <HostedCard title="Sign in with email" description="We'll email you a link and a 6-digit code; either signs you in.">
      <EmailSignInForm
        requestAction={requestEmailSignInAction.bind(null, tenant.slug)}
        completeAction={completeEmailCodeAction.bind(null, tenant.slug)}
        collapsible={false}
        startOverHref={hostedPath(tenant.slug, "magic-link")}
      />
      <p className="text-sm text-muted">
        <TextLink href={signInHref}>Sign in with your password</TextLink>
      </p>
    </HostedCard>
  );
}
