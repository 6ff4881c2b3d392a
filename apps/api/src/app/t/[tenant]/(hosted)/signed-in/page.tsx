import type { Metadata } from "next";
import { Button, ButtonLink } from "@plinto/ui";
import { HostedCard, TextLink } from "../_components/HostedCard";
import { passkeysSection } from "../_components/passkeys/PasskeysSection";
import { signOutAction } from "../_lib/actions";
import { currentSession, hostedPath, requireHostedTenant } from "../_lib/hosted";
import { getRuntime } from "../../../../../lib/runtime";
import { secondFactorsOf } from "../../../../../services/mfa/factors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signed in" };

/**
 * Where a sign-in lands while no application asked for it (later the OIDC flow returns to the
 * application instead): who is signed in, and a way out.
 */
export default async function SignedInPage({ params }: PageProps<"/t/[tenant]/signed-in">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const live = await currentSession(tenant);
  if (!live) {
    return (
      <HostedCard title="You're not signed in" description={`Sign in to continue to ${tenant.displayName}.`}>
        <ButtonLink href={hostedPath(tenant.slug, "sign-in")} className="w-full">
          Sign in
        </ButtonLink>
      </HostedCard>
    );
  }
  const { user } = live;
  const { database } = await getRuntime();
  const factors = await secondFactorsOf(database.db, tenant.id, user.id);
  return (
    <HostedCard title="You're signed in" description={`to ${tenant.displayName}`}>
      <dl className="grid gap-3 text-sm">
        {user.name ? (
          <div className="grid gap-0.5">
            <dt className="text-muted">Name</dt>
            <dd className="font-medium text-ink">{user.name}</dd>
          </div>
        ) : null}
        <div className="grid gap-0.5">
          <dt className="text-muted">Email address</dt>
          <dd className="font-medium break-all text-ink" data-testid="signed-in-email">
            {user.email}
          </dd>
        </div>
      </dl>
      {await passkeysSection(tenant, user.id)}
      {factors.totp ? (
        <p className="text-sm text-muted">Your account asks for a code from your authenticator app when you sign in.</p>
      ) : (
        <p className="text-sm text-muted">
          Also ask for a code from an authenticator app when you sign in:{" "}
          <TextLink href={hostedPath(tenant.slug, "mfa/enrol")}>set up two-step verification</TextLink>.
        </p>
      )}
      <form action={signOutAction.bind(null, tenant.slug)}>
        <Button type="submit" variant="secondary" className="w-full">
          Sign out
        </Button>
      </form>
    </HostedCard>
  );
}
