import type { Metadata } from "next";
import { Alert } from "@plinto/ui";
import { HostedCard, OrDivider, TextLink } from "../_components/HostedCard";
import { PasskeySignIn } from "../_components/passkeys/PasskeySignIn";
import { EmailSignInForm, PasswordSignInForm } from "../_components/sign-in-forms";
import { completeEmailCodeAction, requestEmailSignInAction, signInAction } from "../_lib/actions";
import { hostedInteraction, hostedPath, pendingEmail, requireHostedTenant } from "../_lib/hosted";
import { passkeySignInAction, passkeySignInOptionsAction } from "../_lib/passkey-actions";
import { noticeText } from "../_lib/notices";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ params, searchParams }: PageProps<"/t/[tenant]/sign-in">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const query = await searchParams;
  const notice = noticeText(query.notice);
  // Opened for an application's sign-in request: name it, and take the address it suggests.
  const pending = await hostedInteraction(tenant, query.interaction);
  const again = pending && (query.reason === "fresh_sign_in" || query.reason === "max_age" || query.reason === "other_user");
  return (
    <HostedCard title="Sign in" description={`Continue to ${pending ? pending.application.name : tenant.displayName}`}>
      {notice ? <Alert variant="success">{notice}</Alert> : null}
      {again ? <Alert variant="info">{pending.application.name} asks you to sign in again to continue.</Alert> : null}
      <PasswordSignInForm
        action={signInAction.bind(null, tenant.slug)}
        defaultEmail={(await pendingEmail()) ?? pending?.loginHint}
        forgotPasswordHref={hostedPath(tenant.slug, "forgot-password")}
        verifyHref={hostedPath(tenant.slug, "verify")}
      />
      <PasskeySignIn optionsAction={passkeySignInOptionsAction.bind(null, tenant.slug)} signInAction={passkeySignInAction.bind(null, tenant.slug)} />
      <OrDivider />
      <EmailSignInForm
        requestAction={requestEmailSignInAction.bind(null, tenant.slug)}
        completeAction={completeEmailCodeAction.bind(null, tenant.slug)}
        startOverHref={hostedPath(tenant.slug, "sign-in")}
      />
      <p className="text-sm text-muted">
        New to {tenant.displayName}? <TextLink href={hostedPath(tenant.slug, "sign-up")}>Create an account</TextLink>
      </p>
    </HostedCard>
  );
}
