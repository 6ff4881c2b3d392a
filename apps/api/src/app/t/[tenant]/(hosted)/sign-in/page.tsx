import type { Metadata } from "next";
import { Alert } from "@plinto/ui";
import { HostedCard, OrDivider, TextLink } from "../_components/HostedCard";
import { EmailSignInForm, PasswordSignInForm } from "../_components/sign-in-forms";
import { completeEmailCodeAction, requestEmailSignInAction, signInAction } from "../_lib/actions";
import { hostedPath, pendingEmail, requireHostedTenant } from "../_lib/hosted";
import { noticeText } from "../_lib/notices";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ params, searchParams }: PageProps<"/t/[tenant]/sign-in">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const notice = noticeText((await searchParams).notice);
  return (
    <HostedCard title="Sign in" description={`Continue to ${tenant.displayName}`}>
      {notice ? <Alert variant="success">{notice}</Alert> : null}
      <PasswordSignInForm
        action={signInAction.bind(null, tenant.slug)}
        defaultEmail={await pendingEmail()}
        forgotPasswordHref={hostedPath(tenant.slug, "forgot-password")}
        verifyHref={hostedPath(tenant.slug, "verify")}
      />
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
