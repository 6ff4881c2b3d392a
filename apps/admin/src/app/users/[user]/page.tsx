import { Alert, Badge, Button, ButtonLink, Card, CardTitle, EmptyState, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import { PlintoApiError } from "@plinto/sdk";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { tenantContext, type TenantContext } from "~/lib/tenant";
import { problemText, when } from "@plinto/ui";
import { userAction } from "./actions";
import { ImpersonateForm } from "./ImpersonateForm";
import { OrganizationsSection, RecentActivitySection, SignInSecuritySection, type Loaded } from "./SupportSections";
import { USER_ACTIONS, failureText, isUserAction, type UserActionName } from "./user-actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "User" };

type Params = { params: Promise<{ user: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * One user of the chosen tenant: profile, status, live sessions, and the changes an admin can make.
 * Each change is a link to a confirmation step on this page (`?confirm=block`), whose form posts to
 * a server action, so it works without JavaScript; the outcome comes back as `?done=` or `?failed=`.
 * Admins whose role lacks users:write see neither the links nor the forms.
 */
export default async function UserPage({ params, searchParams }: Params) {
  const { user: userId } = await params;
  const query = await searchParams;
  const context = await tenantContext().catch(() => null);
  if (!context) {
    return (
      <Shell>
        <Alert variant="warning" title="Sign in to manage users">
          Sign in with an account that administers a tenant.
        </Alert>
      </Shell>
    );
  }

  let user;
  let sessions;
  try {
    [user, sessions] = await Promise.all([context.api.users.get(userId), context.api.users.sessions.list(userId)]);
  } catch (error) {
    if (error instanceof PlintoApiError && error.code === "not_found") notFound();
    return (
      <Shell>
        <Alert variant="danger" title="The user could not be loaded">
          {problemText(error)}
        </Alert>
      </Shell>
    );
  }

  const [security, organizations, activity] = await Promise.all([
    load(true, () => context.api.users.signInSecurity(userId)),
    load(context.can("organizations:read"), () => context.api.users.organizations(userId)),
    load(context.can("audit:read"), () => recentActivity(context, userId)),
  ]);
  const canWrite = context.can("users:write");
  const page = `/users/${encodeURIComponent(user.id)}`;
  const confirm = one(query.confirm);
  const confirmSession = one(query.session);
  const done = one(query.done);
  const failed = one(query.failed);
  const confirmLink = (name: UserActionName, session?: string) => `${page}?confirm=${name}${session ? `&session=${encodeURIComponent(session)}` : ""}#confirm`;
  const actionLink = (name: UserActionName, variant: "secondary" | "danger" = USER_ACTIONS[name].danger ? "danger" : "secondary") => (
    <ButtonLink href={confirmLink(name)} variant={variant} size="sm">
      {USER_ACTIONS[name].label}
    </ButtonLink>
  );

  return (
    <Shell title={user.name ?? user.email}>
      <div id="outcome">
        {done === "created" ? <Alert variant="success" className="mb-6" title="The user was created." /> : null}
        {isUserAction(done) ? <Alert variant="success" className="mb-6" title={USER_ACTIONS[done].done} /> : null}
        {isUserAction(failed) ? (
          <Alert variant="danger" className="mb-6" title={`${USER_ACTIONS[failed].label}: not done`}>
            {failureText(one(query.reason))}
          </Alert>
        ) : null}
      </div>

      {isUserAction(confirm) ? (
        canWrite ? (
          <Card as="section" id="confirm" aria-labelledby="confirm-title" className="mb-8 border-2 p-6">
            <h2 id="confirm-title" className="text-lg font-semibold">
              {USER_ACTIONS[confirm].question}
            </h2>
            <p className="mt-1 text-sm text-muted">
              <strong className="text-ink">{user.email}</strong>
              {confirm === "revoke-session" && confirmSession ? (
                <>
                  {" "}
                  — session <code className="font-mono">{confirmSession}</code>
                </>
              ) : null}
            </p>
            <p className="mt-3">{USER_ACTIONS[confirm].consequence}</p>
            <form action={userAction} className="mt-4 flex gap-3">
              <input type="hidden" name="action" value={confirm} />
              <input type="hidden" name="user" value={user.id} />
              {confirmSession ? <input type="hidden" name="session" value={confirmSession} /> : null}
              <Button type="submit" variant={USER_ACTIONS[confirm].danger ? "danger" : "primary"}>
                {`Yes, ${USER_ACTIONS[confirm].label.toLowerCase()}`}
              </Button>
              <ButtonLink href={page} variant="ghost">
                Cancel
              </ButtonLink>
            </form>
          </Card>
        ) : (
          <Alert variant="warning" className="mb-8" title="Your role cannot change users">
            You can see this user but not change them. An owner or admin of {context.tenant.name} can change your role.
          </Alert>
        )
      ) : null}

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <section aria-labelledby="profile-title">
            <h2 id="profile-title" className="text-xl font-bold tracking-tight">
              Profile
            </h2>
            <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-4 rounded-card border border-line bg-surface p-5 sm:grid-cols-2">
              <Fact term="Status">
                <span data-testid="user-status">{user.status === "blocked" ? <Badge tone="danger">Blocked</Badge> : <Badge tone="success">Active</Badge>}</span>
              </Fact>
              <Fact term="Email address">
                {user.email}{" "}
                {user.emailVerified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Not verified</Badge>}
              </Fact>
              <Fact term="Name">{user.name ?? "—"}</Fact>
              <Fact term="Given and family name">{[user.givenName, user.familyName].filter(Boolean).join(" ") || "—"}</Fact>
              <Fact term="Locale">{user.locale ?? "—"}</Fact>
              <Fact term="User ID">
                <code className="font-mono text-sm">{user.id}</code>
              </Fact>
              <Fact term="Last sign-in">{when(user.lastSignInAt)}</Fact>
              <Fact term="Created">{when(user.createdAt)}</Fact>
            </dl>
          </section>

          <SignInSecuritySection loaded={security} unlockHref={canWrite ? confirmLink("unlock") : undefined} />

          <section aria-labelledby="sessions-title">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <h2 id="sessions-title" className="text-xl font-bold tracking-tight">
                Sessions
              </h2>
              {canWrite && sessions.length > 0 ? actionLink("revoke-sessions") : null}
            </div>
            <div className="mt-4">
              {sessions.length === 0 ? (
                <EmptyState title="No live sessions" description="The user is not signed in anywhere right now." />
              ) : (
                <Table caption="Live sessions" hideCaption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Device</TableHeaderCell>
                      <TableHeaderCell>IP address</TableHeaderCell>
                      <TableHeaderCell>Signed in</TableHeaderCell>
                      <TableHeaderCell>Last active</TableHeaderCell>
                      {canWrite ? <TableHeaderCell>Action</TableHeaderCell> : null}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {sessions.map((session) => (
                      <TableRow key={session.id}>
                        <TableHeaderCell scope="row">{session.userAgent ?? "Unknown device"}</TableHeaderCell>
                        <TableCell>{session.ipAddress ?? "—"}</TableCell>
                        <TableCell>
                          {when(session.authTime)} ({session.amr.join(", ") || "—"})
                        </TableCell>
                        <TableCell>{when(session.lastActiveAt)}</TableCell>
                        {canWrite ? (
                          <TableCell>
                            <a href={confirmLink("revoke-session", session.id)} className="font-medium text-danger underline">
                              End session<span className="sr-only"> signed in {when(session.authTime)}</span>
                            </a>
                          </TableCell>
                        ) : null}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </div>
          </section>

          <OrganizationsSection loaded={organizations} />
          <RecentActivitySection loaded={activity} userId={user.id} />
        </div>

        <aside aria-labelledby="actions-title">
          <Card className="p-5">
            <CardTitle id="actions-title">Actions</CardTitle>
            {canWrite ? (
              <ul className="mt-4 flex flex-col items-start gap-3">
                <li>{user.status === "blocked" ? actionLink("unblock") : actionLink("block")}</li>
                {user.status === "active" ? <li>{actionLink("password-reset", "secondary")}</li> : null}
                {!user.emailVerified ? <li>{actionLink("verify-email", "secondary")}</li> : null}
                <li>{actionLink("reset-factors", "secondary")}</li>
                <li>{actionLink("delete")}</li>
              </ul>
            ) : (
              <p className="mt-2 text-sm text-muted">
                Your role in {context.tenant.name} lets you see users but not change them.
              </p>
            )}
          </Card>
          {context.can("users:impersonate") && user.status === "active" ? (
            <Card className="mt-4 p-5">
              <CardTitle>Sign in as this user</CardTitle>
              <ImpersonateForm userId={user.id} email={user.email} />
            </Card>
          ) : null}
        </aside>
      </div>
    </Shell>
  );
}

/** A section's data, or what stopped it; a section the admin's role may not see is hidden. */
async function load<T>(allowed: boolean, fetch: () => Promise<T>): Promise<Loaded<T>> {
  if (!allowed) return { ok: false, hidden: true };
  try {
    return { ok: true, value: await fetch() };
  } catch (error) {
    return { ok: false, problem: problemText(error) };
  }
}

/** The latest events where the user acted or was acted on: both lists, merged by their place in the chain. */
async function recentActivity(context: TenantContext, userId: string) {
  const [by, about] = await Promise.all([
    context.api.auditEvents.list({ actor: userId, limit: RECENT_EVENTS }),
    context.api.auditEvents.list({ targetId: userId, limit: RECENT_EVENTS }),
  ]);
  const seen = new Map([...by.events, ...about.events].map((event) => [event.id, event]));
  return [...seen.values()].sort((a, b) => b.seq - a.seq).slice(0, RECENT_EVENTS);
}

const RECENT_EVENTS = 10;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-medium text-muted">{term}</dt>
      <dd className="mt-1 text-ink">{children}</dd>
    </div>
  );
}

function Shell({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <p className="text-sm">
        <Link href="/users" className="font-medium text-brand-700 underline">
          Users
        </Link>
      </p>
      <h1 className="mt-2 mb-8 text-3xl font-bold tracking-tight break-words">{title ?? "User"}</h1>
      {children}
    </div>
  );
}
