import type { Metadata } from "next";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { SignUpForm } from "../_components/account-forms";
import { signUpAction } from "../_lib/actions";
import { hostedPath, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ params }: PageProps<"/t/[tenant]/sign-up">) {
  const tenant = await requireHostedTenant((await params).tenant);
  return (
    <HostedCard title="Create an account" description={`Join ${tenant.displayName} with your email address`}>
      <SignUpForm action={signUpAction.bind(null, tenant.slug)} minLength={tenant.passwordMinLength} />
      <p className="text-sm text-muted">
        Already have an account? <TextLink href={hostedPath(tenant.slug, "sign-in")}>Sign in</TextLink>
      </p>
    </HostedCard>
  );
}
