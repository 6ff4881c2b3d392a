import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@plinto/ui";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { MfaChallengeForms } from "../_components/mfa-forms";
import { MfaPasskey } from "../_components/passkeys/MfaPasskey";
import { completeMfaAction, sendMfaEmailCodeAction } from "../_lib/mfa-actions";
import type { MfaPageMethod } from "../_lib/mfa-form-state";
import { currentSession, hostedPath, requireHostedTenant } from "../_lib/hosted";
import { pendingMfaToken } from "../_lib/pending-mfa";
import { getRuntime } from "../../../../../lib/runtime";
import { secondFactorsOf } from "../../../../../services/mfa/factors";
import { describeMfaChallenge, stepUpMethods } from "../../../../../services/mfa/sign-in";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Two-step verification" };

/**
 * The second step of signing in, for the pending sign-in this browser holds (its cookie). Without
 * one, a signed-in browser whose account has a second factor can prove it here to raise its
 * session (step-up, e.g. for an application asking for acr urn:plinto:acr:2fa). Opening the page
 * changes nothing; every form posts.
 */
export default async function MfaPage({ params }: PageProps<"/t/[tenant]/mfa">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const { database } = await getRuntime();
  const signInHref = hostedPath(tenant.slug, "sign-in");

  let methods: MfaPageMethod[] = [];
  let stepUp = false;
  let signedInWithoutFactor = false;
  const token = await pendingMfaToken();
  const pending = token ? await describeMfaChallenge(database.db, { tenantId: tenant.id, challengeToken: token }) : undefined;
  if (pending) {
    // No second factor yet, and the tenant requires one: set it up instead.
    if (pending.methods.length === 0) redirect(hostedPath(tenant.slug, "mfa/enrol"));
    methods = pending.methods;
  } else {
    const live = await currentSession(tenant);
    if (live) {
      const factors = await secondFactorsOf(database.db, tenant.id, live.user.id);
      methods = await stepUpMethods(database.db, tenant.id, live);
      stepUp = methods.length > 0;
      signedInWithoutFactor = !factors.any;
    }
  }

  if (signedInWithoutFactor) {
    return (
      <HostedCard title="Two-step verification" description={`Confirm it's you to continue with ${tenant.displayName}.`}>
        <p className="text-sm text-ink">
          This needs a second step, and your account does not have one yet. Set up an authenticator app to continue.
        </p>
        <ButtonLink href={hostedPath(tenant.slug, "mfa/enrol")} className="w-full">
          Set up two-step verification
        </ButtonLink>
      </HostedCard>
    );
  }

  return (
    <HostedCard
      title="Two-step verification"
      description={stepUp ? `Confirm it's you to continue with ${tenant.displayName}.` : `One more step to sign in to ${tenant.displayName}.`}
    >
      <MfaChallengeForms
        methods={methods}
        expired={methods.length === 0}
        actions={{
          totp: completeMfaAction.bind(null, tenant.slug, "totp"),
          recoveryCode: completeMfaAction.bind(null, tenant.slug, "recovery_code"),
          emailCode: completeMfaAction.bind(null, tenant.slug, "email_code"),
          sendEmailCode: sendMfaEmailCodeAction.bind(null, tenant.slug),
        }}
        passkey={<MfaPasskey tenantSlug={tenant.slug} />}
        signInHref={signInHref}
      />
      <p className="text-sm text-muted">
        <TextLink href={signInHref}>Sign in as someone else</TextLink>
      </p>
    </HostedCard>
  );
}
