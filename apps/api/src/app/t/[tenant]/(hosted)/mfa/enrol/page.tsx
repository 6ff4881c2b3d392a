import type { Metadata } from "next";
import { cookies } from "next/headers";
import { HostedCard, TextLink } from "../../_components/HostedCard";
import { TotpEnrolmentForms, type EnrolmentView } from "../../_components/mfa-forms";
import { confirmTotpEnrolmentAction, skipEnrolmentAction, startTotpEnrolmentAction } from "../../_lib/mfa-actions";
import { hostedPath, requireHostedTenant } from "../../_lib/hosted";
import { pendingMfaToken } from "../../_lib/pending-mfa";
import { SESSION_COOKIE } from "../../../../../../lib/request";
import { getRuntime } from "../../../../../../lib/runtime";
import { enrolmentStatus, type EnrolmentAuthority } from "../../../../../../services/mfa/enrolment";
import { groupedKey } from "../../../../../../services/mfa/totp";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up two-step verification" };

/**
 * Setting up an authenticator app: for a sign-in the tenant holds back until the account has a
 * second factor (its pending sign-in cookie), or for a signed-in user (a recent sign-in). The page
 * only reads: a POST starts the enrolment, after which the page shows its QR code and key.
 */
export default async function MfaEnrolPage({ params }: PageProps<"/t/[tenant]/mfa/enrol">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const runtime = await getRuntime();
  const challengeToken = await pendingMfaToken();
  const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
  const authority: EnrolmentAuthority | undefined = challengeToken ? { challengeToken } : sessionToken ? { sessionToken } : undefined;

  let status: "start" | "pending" | "expired" = "expired";
  let enrolment: EnrolmentView | undefined;
  let dueBy: Date | undefined;
  if (authority) {
    try {
      const found = await enrolmentStatus(runtime.database.db, runtime, { tenantSlug: tenant.slug, ...authority });
      const pending = found.pending;
      status = pending ? "pending" : "start";
      if (pending) enrolment = { qrCode: pending.qrCode, key: groupedKey(pending.secret), issuer: pending.issuer, label: pending.label };
      dueBy = found.dueBy;
    } catch {
      // Expired, completed, or no longer allowed (the account has a second factor): start again.
      status = "expired";
    }
  }

  return (
    <HostedCard
      title="Set up two-step verification"
      description={
        challengeToken
          ? `${tenant.displayName} asks for a second step at sign-in. Set up an authenticator app to continue.`
          : "Protect your account with codes from an authenticator app."
      }
    >
      <TotpEnrolmentForms
        status={status}
        enrolment={enrolment}
        startAction={startTotpEnrolmentAction.bind(null, tenant.slug)}
        confirmAction={confirmTotpEnrolmentAction.bind(null, tenant.slug)}
        signInHref={hostedPath(tenant.slug, "sign-in")}
        due={dueBy ? { by: formatDay(dueBy), skipAction: skipEnrolmentAction.bind(null, tenant.slug) } : undefined}
      />
      <p className="text-sm text-muted">
        <TextLink href={hostedPath(tenant.slug, "sign-in")}>Sign in as someone else</TextLink>
      </p>
    </HostedCard>
  );
}

/** A day as people read it, in English, without a time zone's surprises around midnight. */
function formatDay(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}
