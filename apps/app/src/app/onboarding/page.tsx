import type { AccountProfile, OnboardingResponse } from "@plinto/contracts";
import { Alert, Badge, Button, ButtonLink, Field, Input, problemText } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, Section, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState } from "~/lib/account";
import { DetailsForm } from "../profile/DetailsForm";
import { TotpEnrolment } from "../security/TotpEnrolment";
import { createFirstOrganizationAction, skipStepAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up your account" };

const stepWords: Record<string, { title: string; lead: string }> = {
  verify_email: { title: "Confirm your email address", lead: "So that sign-in links, codes and security notices reach you." },
  complete_profile: { title: "Complete your profile", lead: "Your name, as the apps you use greet you." },
  second_factor: { title: "Add a second step to sign-in", lead: "A code from an authenticator app (or a passkey) keeps your account yours even if your password leaks." },
  organization: { title: "Create or join an organization", lead: "Work together with your team. Invitations to an existing one come by email." },
};
const statusWords = { done: "Done", skipped: "Skipped", pending: "To do" } as const;

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="your account setup" returnTo="/onboarding" />;
  const state = pageState(await searchParams);
  let onboarding: OnboardingResponse | null = null;
  let profile: AccountProfile | null = null;
  let problem: string | null = null;
  try {
    [onboarding, profile] = await Promise.all([api.onboarding.get(), api.profile.get()]);
  } catch (error) {
    problem = problemText(error);
  }
  const current = onboarding?.steps.find((s) => s.status === "pending");

  return (
    <AccountPage title="Set up your account" lead="A few steps to make your account yours. You can stop at any point and carry on later from here.">
      <Outcome
        done={state.done}
        error={state.error}
        returnTo="/onboarding"
        doneText={{ skipped: "Step skipped. You can do it later from your account pages.", organization: "Your organization is created; you are its owner." }}
        errorText={{ forbidden: "This step is required here and cannot be skipped.", "no-name": "Enter the organization's name." }}
      />
      {problem || !onboarding || !profile ? (
        <Alert variant="danger" title="Your account setup could not be loaded">
          {problem}
        </Alert>
      ) : (
        <>
          <ol className="grid gap-2 sm:grid-cols-4" aria-label="Setup steps">
            {onboarding.steps.map((step, index) => (
              <li
                key={step.step}
                aria-current={step.step === current?.step ? "step" : undefined}
                className={`rounded-md border p-3 text-sm ${step.step === current?.step ? "border-brand-600 bg-brand-50" : "border-line bg-surface"}`}
                data-testid="onboarding-step"
              >
                <span className="block text-xs text-muted">Step {index + 1}</span>
                <span className="font-medium">{stepWords[step.step]?.title ?? step.step}</span>{" "}
                <Badge tone={step.status === "done" ? "success" : step.status === "skipped" ? "neutral" : "brand"}>{statusWords[step.status]}</Badge>
              </li>
            ))}
          </ol>
          {!current ? (
            <Alert variant="success" title="Your account is set up">
              <p>Everything is in place. You can change any of it from your account pages.</p>
              <ButtonLink href="/" variant="secondary" className="mt-3">
                Go to your account
              </ButtonLink>
            </Alert>
          ) : (
            <Section
              id="step"
              title={stepWords[current.step]?.title ?? current.step}
              lead={stepWords[current.step]?.lead}
              action={
                current.canSkip ? (
                  <form action={skipStepAction}>
                    <input type="hidden" name="step" value={current.step} />
                    <Button type="submit" variant="ghost">
                      Skip this step
                    </Button>
                  </form>
                ) : null
              }
            >
              {/* Always here, so that without JavaScript the codes still show on the page after confirming. */}
              <TotpEnrolment offer={current.step === "second_factor"} doneHref="/onboarding" />
              {current.step === "verify_email" ? (
                <p>
                  We sent a link and a code to <strong>{profile.email}</strong>. Open the link (or sign out and in again with the code), then{" "}
                  <a href="/onboarding" className="text-brand-700 underline">
                    carry on here
                  </a>
                  .
                </p>
              ) : current.step === "complete_profile" ? (
                <div className="space-y-3">
                  <DetailsForm current={{ name: profile.name ?? "", givenName: profile.givenName ?? "", familyName: profile.familyName ?? "", locale: profile.locale ?? "" }} />
                  <ButtonLink href="/onboarding" variant="secondary">
                    Continue
                  </ButtonLink>
                </div>
              ) : current.step === "second_factor" ? (
                <div className="space-y-3">
                  <p className="text-sm text-muted">
                    Prefer a passkey? Add one on the{" "}
                    <a href="/security#passkeys" className="text-brand-700 underline">
                      Security page
                    </a>
                    .
                  </p>
                </div>
              ) : (
                <div className="space-y-3">
                  <form action={createFirstOrganizationAction} className="flex flex-wrap items-end gap-3">
                    <Field label="Organization name">
                      <Input name="name" required maxLength={100} className="min-w-64" />
                    </Field>
                    <Button type="submit">Create organization</Button>
                  </form>
                  <p className="text-sm text-muted">Joining one instead? Open the invitation link in your email; it lands in your organizations.</p>
                </div>
              )}
            </Section>
          )}
        </>
      )}
    </AccountPage>
  );
}
