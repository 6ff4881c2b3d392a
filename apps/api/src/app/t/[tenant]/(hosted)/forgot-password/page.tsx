import type { Metadata } from "next";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { ForgotPasswordForm } from "../_components/account-forms";
import { forgotPasswordAction } from "../_lib/actions";
import { hostedPath, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage({ params }: PageProps<"/t/[tenant]/forgot-password">) {
  const tenant = await requireHostedTenant((await params).tenant);
  return (
    <HostedCard title="Reset your password" description="Enter your account's email address and we'll send you a link to choose a new password.">
      <ForgotPasswordForm action={forgotPasswordAction.bind(null, tenant.slug)} />
      <p className="text-sm text-muted">
        Remembered it? <TextLink href={hostedPath(tenant.slug, "sign-in")}>Sign in</TextLink>
      </p>
    </HostedCard>
  );
}
