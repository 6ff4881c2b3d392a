import type { Metadata } from "next";
import type { ApplicationScope } from "@plinto/contracts";
import { Alert, Button } from "@plinto/ui";
import { HostedCard } from "../_components/HostedCard";
import { currentSession, hostedInteraction, requireHostedTenant } from "../_lib/hosted";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Allow access" };

/** Every scope an application can ask for, in the words the consent page uses (a new scope must say what it shares), in words a user can weigh. */
const SCOPE_WORDS: Record<ApplicationScope, string> = {
  openid: "Know which account you are signed in with",
  profile: "See your name, profile picture and language",
  email: "See your email address and whether it is confirmed",
  offline_access: "Stay connected to your account while you are away",
  organizations: "See the organizations you belong to and your role in them",
};

/**
 * A third-party application asks for access: what it wants, on whose behalf, and two answers.
 * The form posts to the interaction step outside Next, which records the answer with the
 * provider and sends the browser back to the application.
 */
export default async function ConsentPage({ params, searchParams }: PageProps<"/t/[tenant]/consent">) {
  const tenant = await requireHostedTenant((await params).tenant);
  const pending = await hostedInteraction(tenant, (await searchParams).interaction);
  const live = await currentSession(tenant);
  if (!pending || !live) {
    return (
      <HostedCard title="This request has expired" description="Go back to the application and start again.">
        <Alert variant="warning">Nothing was shared with any application.</Alert>
      </HostedCard>
    );
  }
  const asked = (pending.missingScopes.length > 0 ? pending.missingScopes : pending.scopes).filter((s): s is ApplicationScope => s in SCOPE_WORDS);
  return (
    <HostedCard title={`Allow ${pending.application.name}?`} description={`Signed in to ${tenant.displayName} as ${live.user.email}`}>
      <div className="grid gap-2 text-sm">
        <p className="text-ink">{pending.application.name} is not made by {tenant.displayName}. It asks to:</p>
        <ul className="grid list-disc gap-1 pl-5 text-ink" data-testid="consent-scopes">
          {asked.map((scope) => (
            <li key={scope}>{SCOPE_WORDS[scope]}</li>
          ))}
        </ul>
        <p className="text-muted">You can take this back at any time from your account.</p>
      </div>
      <form method="post" action={`/t/${tenant.slug}/interaction/${pending.uid}/consent`} className="grid gap-3 sm:grid-cols-2">
        <Button type="submit" name="decision" value="deny" variant="secondary">
          Don&apos;t allow
        </Button>
        <Button type="submit" name="decision" value="allow">
          Allow
        </Button>
      </form>
    </HostedCard>
  );
}
