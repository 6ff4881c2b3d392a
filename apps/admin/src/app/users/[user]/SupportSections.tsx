import type { AuditEvent, UserSignInSecurity } from "@plinto/contracts";
import { Alert, Badge, ButtonLink, EmptyState, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import Link from "next/link";
import type { ReactNode } from "react";
import { ACTOR_TYPE_WORDS } from "~/lib/audit";
import { when } from "@plinto/ui";

/**
 * The support sections of the user page: sign-in security (failures, the pause, unlock), the
 * user's organizations, and their recent activity. Each gets what the page could load for it, or
 * the problem that stopped it, so one failing call does not hide the rest of the page.
 */

export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: string } | { ok: false; hidden: true };

type Organizations = Array<{ id: string; name: string; slug: string; role: string; roleName: string; joinedAt: string }>;

const LIMIT_WORDS: Record<UserSignInSecurity["limits"][number]["name"], string> = {
  sign_in: "Password attempts, 15 minutes",
  sign_in_daily: "Password attempts, 24 hours",
  mfa: "Second-factor codes, 15 minutes",
  mfa_daily: "Second-factor codes, 24 hours",
};

const REASON_WORDS: Record<string, string> = {
  wrong_password: "Wrong password",
  user_blocked: "Account blocked",
  unknown_email: "No such account",
  verification_failed: "Passkey not verified",
};

function failureWords(failure: UserSignInSecurity["recentFailures"][number]): string {
  if (failure.kind === "sign_in_paused") return `Sign-in paused until ${when(failure.pausedUntil)}`;
  if (failure.kind === "mfa_failed") return `Wrong second-factor code${failure.method ? ` (${failure.method.replace("_", " ")})` : ""}`;
  const reason = failure.reason ? (REASON_WORDS[failure.reason] ?? failure.reason) : "Failed";
  return `${reason}${failure.method && failure.method !== "password" ? ` (${failure.method})` : ""}`;
}

function Section({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={`${id}-title`} className="text-xl font-bold tracking-tight">
          {title}
        </h2>
        {action}
      </div>
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

function Problem({ what, loaded }: { what: string; loaded: { ok: false; problem: string } }) {
  return (
    <Alert variant="danger" title={`${what} could not be loaded`}>
      {loaded.problem}
    </Alert>
  );
}

export function SignInSecuritySection({ loaded, unlockHref }: { loaded: Loaded<UserSignInSecurity>; unlockHref: string | undefined }) {
  if (!loaded.ok && "hidden" in loaded) return null;
  const security = loaded.ok ? loaded.value : undefined;
  return (
    <Section
      id="security"
      title="Sign-in security"
      action={
        security?.locked && unlockHref ? (
          <ButtonLink href={unlockHref} variant="primary" size="sm">
            Unlock sign-in
          </ButtonLink>
        ) : null
      }
    >
      {!loaded.ok ? (
        <Problem what="Sign-in security" loaded={loaded} />
      ) : (
        <>
          <div data-testid="lock-state">
            {loaded.value.locked ? (
              <Alert variant="danger" title={`Sign-in is paused until ${when(loaded.value.lockedUntil)}`}>
                Too many failed attempts on this account. It unlocks by itself then
                {unlockHref ? ", or unlock it now once you know the attempts were the user's own." : "; an admin or support agent can unlock it sooner."}
              </Alert>
            ) : (
              <p className="text-sm">
                <Badge tone="success">Not locked</Badge> <span className="text-muted">The user can try to sign in now.</span>
              </p>
            )}
          </div>
          <Table caption="Attempts left before sign-in pauses">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Limit</TableHeaderCell>
                <TableHeaderCell>Left</TableHeaderCell>
                <TableHeaderCell>Window ends</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {loaded.value.limits.map((limit) => (
                <TableRow key={limit.name}>
                  <TableHeaderCell scope="row">{LIMIT_WORDS[limit.name]}</TableHeaderCell>
                  <TableCell>
                    {limit.remaining} of {limit.limit} {limit.locked ? <Badge tone="danger">Paused</Badge> : null}
                  </TableCell>
                  <TableCell>{limit.resetAt ? when(limit.resetAt) : "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {loaded.value.recentFailures.length === 0 ? (
            <EmptyState title="No failed sign-ins" description="Nothing in the audit log: no wrong password, second-factor code or passkey for this user lately." />
          ) : (
            <Table caption="Recent failed sign-ins and pauses, newest first">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Time</TableHeaderCell>
                  <TableHeaderCell>What happened</TableHeaderCell>
                  <TableHeaderCell>IP address</TableHeaderCell>
                  <TableHeaderCell>Device</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {loaded.value.recentFailures.map((failure) => (
                  <TableRow key={failure.eventId}>
                    <TableCell className="whitespace-nowrap">
                      <Link href={`/audit/${failure.eventId}`} className="text-brand-700 underline">
                        <time dateTime={failure.occurredAt}>{when(failure.occurredAt)}</time>
                      </Link>
                    </TableCell>
                    <TableHeaderCell scope="row">{failureWords(failure)}</TableHeaderCell>
                    <TableCell>{failure.ipAddress ?? "—"}</TableCell>
                    <TableCell className="max-w-56 truncate" title={failure.userAgent ?? undefined}>
                      {failure.userAgent ?? "—"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </Section>
  );
}

export function OrganizationsSection({ loaded }: { loaded: Loaded<Organizations> }) {
  if (!loaded.ok && "hidden" in loaded) return null;
  return (
    <Section id="organizations" title="Organizations">
      {!loaded.ok ? (
        <Problem what="The user's organizations" loaded={loaded} />
      ) : loaded.value.length === 0 ? (
        <EmptyState title="In no organization" description="The user is not a member of any organization in this tenant." />
      ) : (
        <Table caption="The user's organizations and roles" hideCaption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Organization</TableHeaderCell>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>Member since</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {loaded.value.map((organization) => (
              <TableRow key={organization.id}>
                <TableHeaderCell scope="row">
                  <Link href={`/organizations/${encodeURIComponent(organization.id)}`} className="font-medium text-brand-700 underline">
                    {organization.name}
                  </Link>{" "}
                  <span className="font-mono text-xs text-muted">{organization.slug}</span>
                </TableHeaderCell>
                <TableCell>
                  {organization.roleName} <code className="font-mono text-xs text-muted">{organization.role}</code>
                </TableCell>
                <TableCell>{when(organization.joinedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function RecentActivitySection({ loaded, userId }: { loaded: Loaded<AuditEvent[]>; userId: string }) {
  if (!loaded.ok && "hidden" in loaded) return null;
  const id = encodeURIComponent(userId);
  return (
    <Section id="activity" title="Recent activity">
      {!loaded.ok ? (
        <Problem what="Recent activity" loaded={loaded} />
      ) : loaded.value.length === 0 ? (
        <EmptyState title="No activity yet" description="The audit log has no event by or about this user." />
      ) : (
        <Table caption="Latest audit events by or about the user, newest first" hideCaption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Time</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>By</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {loaded.value.map((event) => (
              <TableRow key={event.id}>
                <TableCell className="whitespace-nowrap">
                  <time dateTime={event.occurredAt}>{when(event.occurredAt)}</time>
                </TableCell>
                <TableHeaderCell scope="row">
                  <Link href={`/audit/${event.id}`} className="font-mono text-brand-700 underline">
                    {event.action}
                  </Link>
                </TableHeaderCell>
                <TableCell>
                  {event.actorId === userId ? "This user" : ACTOR_TYPE_WORDS[event.actorType]}
                  {event.actorId && event.actorId !== userId ? <code className="ml-2 font-mono text-xs">{event.actorId}</code> : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <p className="text-sm">
        In the audit log:{" "}
        <Link href={`/audit?target=${id}`} className="font-medium text-brand-700 underline">
          every event about this user
        </Link>{" "}
        ·{" "}
        <Link href={`/audit?actor=${id}`} className="font-medium text-brand-700 underline">
          every event by this user
        </Link>
      </p>
    </Section>
  );
}
