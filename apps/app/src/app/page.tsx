import { urlOf } from "~/env";
import { accountApi } from "~/lib/account";
import { signInProblem } from "@plinto/auth";
import { Alert, Card, CardDescription, CardTitle, StatusPanel, type StatusPanelResult, getPlatformStatus } from "@plinto/ui";
import type { Metadata } from "next";

// The service status is read from the API on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { absolute: "Your account · Plinto" },
};

const areas = [
  {
    id: "profile",
    href: "/profile",
    title: "Profile",
    body: "Your name and email address, as the apps you sign in to see them.",
  },
  {
    id: "password",
    href: "/security#password",
    title: "Password",
    body: "Change it whenever you like. Plinto stores only an argon2id hash, so nobody — including your administrators — can read it back.",
  },
  {
    id: "two-factor",
    href: "/security#two-factor",
    title: "Two-factor authentication",
    body: "Add a code from an authenticator app to your sign-in, and keep a set of one-time recovery codes for the day your phone is not with you.",
  },
  {
    id: "passkeys",
    href: "/security#passkeys",
    title: "Passkeys",
    body: "Sign in with your fingerprint, face or device PIN instead of a password, and remove a passkey when you retire the device that holds it.",
  },
  {
    id: "sessions",
    href: "/sessions",
    title: "Sessions and devices",
    body: "See where you are signed in right now, and sign out of any browser or device you do not recognise.",
  },
  {
    id: "organizations",
    href: "/organizations",
    title: "Organizations and invitations",
    body: "The organizations you belong to and your role in each, invitations waiting for your answer, and a way to leave.",
  },
  {
    id: "privacy",
    href: "/privacy",
    title: "Privacy, export and deletion",
    body: "Download a copy of everything held about your account, or delete the account and the personal data that goes with it.",
  },
];

/** End users need to know whether signing in will work, not which migration ran. */
function forPeople(result: StatusPanelResult): StatusPanelResult {
  if (!result.reachable) return result;
  const labels = { ok: "Working normally", degraded: "Partly working", down: "Not working", unknown: "Unknown" } as const;
  return { reachable: true, overall: result.overall, summary: labels[result.overall], checks: [] };
}

export default async function AccountOverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const status = await getPlatformStatus(urlOf("api"));
  // A sign-in that did not finish comes back here with next-auth's `?error=` code.
  const problem = signInProblem((await searchParams).error);
  // A new account is walked through its setup until every step is done or skipped.
  const api = await accountApi();
  const onboarding = api ? await api.onboarding.get().catch(() => null) : null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      {problem ? (
        <Alert variant="danger" title="You are not signed in" className="mb-8">
          {problem}
        </Alert>
      ) : null}
      {onboarding && !onboarding.complete ? (
        <Alert variant="info" title="Finish setting up your account" className="mb-8">
          <p>
            {onboarding.steps.filter((s) => s.status === "pending").length} of {onboarding.steps.length} steps left.{" "}
            <a href="/onboarding" className="font-semibold underline">
              Continue setting up
            </a>
          </p>
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <header className="max-w-3xl">
          <p className="text-sm font-semibold text-brand-700">Account portal</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">Your account</h1>
          <p className="mt-4 text-lg text-muted">
            One account signs you in to every app that uses this Plinto tenant. Here you decide how you sign in, where you stay signed in, and
            what happens to your data.
          </p>
        </header>
        <StatusPanel title="Service status" headingLevel={2} apiUrl={status.apiUrl} result={forPeople(status.result)} checkedAt={status.checkedAt}>
          {status.result.reachable ? null : <p>Signing in and changes to your account will not work until the service is back.</p>}
        </StatusPanel>
      </div>

      <section aria-labelledby="manage-title" className="mt-12">
        <h2 id="manage-title" className="text-xl font-bold tracking-tight">
          What you can manage
        </h2>
        <ul className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {areas.map((area) => (
            <Card as="li" key={area.id} className="p-5">
              <CardTitle>
                <a href={area.href} className="underline-offset-4 hover:underline">
                  {area.title}
                </a>
              </CardTitle>
              <CardDescription className="mt-2">{area.body}</CardDescription>
            </Card>
          ))}
        </ul>
      </section>
    </div>
  );
}
