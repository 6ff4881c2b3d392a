import { signInProblem } from "@plinto/auth";
import { Alert, Card, CardDescription, CardTitle, StatusPanel, getPlatformStatus } from "@plinto/ui";
import type { Metadata } from "next";
import { YourTenants } from "~/components/YourTenants";
import { urlOf } from "~/env";

// The status panel is read from the API on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { absolute: "Overview · Plinto Admin" },
};

const groups = [
  {
    id: "people",
    title: "People and access",
    areas: [
      { name: "Users", body: "Everyone who can sign in to this tenant: their sign-in methods, second factors and active sessions, and the means to sign them out everywhere." },
      { name: "Organizations", body: "The companies and teams your users belong to: members, pending invitations, and which connection and directory each one uses." },
      { name: "Roles", body: "Named sets of permissions given to members of an organization, and carried into the tokens your apps receive." },
      { name: "Support", body: "Look a person up by email or user ID: why they cannot sign in, unlocking a paused sign-in, their organizations and recent activity." },
    ],
  },
  {
    id: "integrations",
    title: "Integrations",
    areas: [
      { name: "Applications", body: "The apps that sign people in through this tenant's OpenID Provider, with their client IDs and redirect URIs." },
      { name: "Connections", body: "Enterprise SSO over SAML 2.0 or OpenID Connect, one per organization that brings its own identity provider." },
      { name: "Directories", body: "SCIM 2.0 endpoints that let a customer's identity provider create, update and deactivate its users here." },
    ],
  },
  {
    id: "automation",
    title: "Automation and records",
    areas: [
      { name: "API keys", body: "Keys your backend uses to call the management API through @plinto/sdk; revoke one and the others keep working." },
      { name: "Webhooks", body: "Endpoints on your servers that Plinto notifies when users, organizations and memberships change." },
      { name: "Audit log", body: "Every security-relevant change, who made it and from where — append-only and hash-chained, so a gap or an edit shows." },
    ],
  },
];

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const status = await getPlatformStatus(urlOf("api"));
  // A sign-in that did not finish comes back here with next-auth's `?error=` code.
  const problem = signInProblem((await searchParams).error);
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      {problem ? (
        <Alert variant="danger" title="You are not signed in" className="mb-8">
          {problem}
        </Alert>
      ) : null}
      <header className="max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">Admin dashboard</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">Overview</h1>
        <p className="mt-4 text-lg text-muted">
          Decide who can sign in to your tenant&apos;s apps, how they prove it, which organizations they belong to — and see afterwards what
          changed and who changed it.
        </p>
      </header>

      <div className="mt-10 grid grid-cols-1 gap-10 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-10">
          <YourTenants />
          {groups.map((group) => (
            <section key={group.id} aria-labelledby={`${group.id}-title`}>
              <h2 id={`${group.id}-title`} className="text-xl font-bold tracking-tight">
                {group.title}
              </h2>
              <ul className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {group.areas.map((area) => (
                  <Card as="li" key={area.name} className="p-5">
                    <CardTitle>{area.name}</CardTitle>
                    <CardDescription className="mt-2">{area.body}</CardDescription>
                  </Card>
                ))}
              </ul>
            </section>
          ))}
        </div>

        <div className="lg:sticky lg:top-6 lg:self-start">
          <StatusPanel apiUrl={status.apiUrl} result={status.result} checkedAt={status.checkedAt}>
            {status.result.reachable ? (
              <p>
                Raw answers:{" "}
                <a className="font-medium text-brand-700 underline" href={`${status.apiUrl}/health`}>
                  health
                </a>{" "}
                and{" "}
                <a className="font-medium text-brand-700 underline" href={`${status.apiUrl}/ready`}>
                  readiness
                </a>
                .
              </p>
            ) : (
              <p>
                Start the API with <code className="font-mono text-ink">npm start</code> from the repository root, or point this dashboard at
                a running one with <code className="font-mono text-ink">PLINTO_API_URL</code>. The{" "}
                <a className="font-medium text-brand-700 underline" href={`${urlOf("docs")}/#health`}>
                  docs on health and readiness
                </a>{" "}
                explain both checks.
              </p>
            )}
          </StatusPanel>
        </div>
      </div>
    </div>
  );
}
