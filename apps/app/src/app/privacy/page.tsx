import type { AccountProfile } from "@plinto/contracts";
import { Alert, Button, ButtonLink, ConfirmPanel, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, Section, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState } from "~/lib/account";
import { cancelDeletionAction, scheduleDeletionAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="your data" returnTo="/privacy" />;
  const state = pageState(await searchParams);
  let profile: AccountProfile | null = null;
  let problem: string | null = null;
  try {
    profile = await api.profile.get();
  } catch (error) {
    problem = problemText(error);
  }
  const scheduledFor = profile?.deletionScheduledFor ?? null;

  return (
    <AccountPage title="Privacy" lead="Take a copy of everything held about you, or delete your account.">
      <Outcome
        done={state.done}
        error={state.error}
        returnTo="/privacy"
        doneText={{
          scheduled: "Your account will be deleted at the time below. We emailed you a link to cancel it until then.",
          cancelled: "The deletion is cancelled. Your account stays as it is.",
        }}
        errorText={{ conflict: "Your account cannot be deleted yet: you are the last owner of an organization. Make someone else its owner, or leave it first." }}
      />
      {problem ? (
        <Alert variant="danger" title="Your account could not be loaded">
          {problem}
        </Alert>
      ) : null}
      <Section
        id="export"
        title="Download your data"
        lead="A JSON file with your profile, sign-in methods (never a password, secret or code), sessions, organizations, connected applications, notifications and the history of your account."
      >
        <ButtonLink href="/privacy/export" variant="secondary" download>
          Download my data (JSON)
        </ButtonLink>
      </Section>
      <Section
        id="delete"
        title="Delete your account"
        lead="Your account, profile and sign-in methods are deleted after a grace period. Until then you can change your mind with the link we email you, or here."
      >
        {scheduledFor ? (
          <div className="space-y-3" data-testid="deletion-scheduled">
            <Alert variant="warning" title="Your account is scheduled for deletion">
              It will be deleted on {when(scheduledFor)}.
            </Alert>
            <form action={cancelDeletionAction}>
              <Button type="submit">Cancel the deletion</Button>
            </form>
          </div>
        ) : state.confirm === "delete" ? (
          <ConfirmPanel
            title="Delete your account?"
            consequence="After the grace period your account and everything on this page is gone for good, and you are signed out everywhere."
            action={scheduleDeletionAction}
            confirmLabel="Delete my account"
            confirmVariant="danger"
            cancelHref="/privacy"
            cancelLabel="Keep my account"
          />
        ) : profile ? (
          <ButtonLink href="/privacy?confirm=delete#delete" variant="danger">
            Delete my account…
          </ButtonLink>
        ) : null}
      </Section>
    </AccountPage>
  );
}
