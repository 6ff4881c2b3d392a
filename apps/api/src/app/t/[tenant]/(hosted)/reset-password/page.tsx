import type { Metadata } from "next";
import { Alert } from "@plinto/ui";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { ResetPasswordForm } from "../_components/account-forms";
import { resetPasswordAction } from "../_lib/actions";
import { linkToken } from "../_lib/forms";
import { hostedPath, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose a new password" };

/** From the reset mail's link (`?token=`); the token is spent only when the form is sent. */
export default async function ResetPasswordPage({ params, searchParams }: PageProps<"/t/[tenant]/reset-password">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const token = linkToken((await searchParams).token);
  const forgotPasswordHref = hostedPath(tenant.slug, "forgot-password");
  return (
    <HostedCard title="Choose a new password" description="Setting a new password signs you out everywhere.">
      {token ? (
        <ResetPasswordForm
          action={resetPasswordAction.bind(null, tenant.slug)}
          token={token}
          minLength={tenant.passwordMinLength}
          forgotPasswordHref={forgotPasswordHref}
        />
      ) : (
        <Alert variant="warning" title="This link is not complete">
          <p>
            Open the link from the email again, or <a href={forgotPasswordHref}>ask for a new reset link</a>.
          </p>
        </Alert>
      )}
      <p className="text-sm text-muted">
        <TextLink href={hostedPath(tenant.slug, "sign-in")}>Back to sign in</TextLink>
      </p>
    </HostedCard>
  );
}
