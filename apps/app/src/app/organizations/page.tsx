import type { PendingInvitation, SessionOrganizationListResponse } from "@plinto/contracts";
import { Alert, Badge, Button, EmptyState, Field, Input, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState } from "~/lib/account";
import { answerInvitationAction, createOrganizationAction, switchOrganizationAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organizations" };

const roleWords: Record<string, string> = { owner: "Owner", admin: "Admin", member: "Member" };
const roleName = (role: string) => roleWords[role] ?? role;

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="your organizations" returnTo="/organizations" />;
  const state = pageState(await searchParams);
  let mine: SessionOrganizationListResponse | null = null;
  let invitations: PendingInvitation[] = [];
  let problem: string | null = null;
  try {
    [mine, invitations] = await Promise.all([api.memberships.list(), api.memberships.pendingInvitations()]);
  } catch (error) {
    problem = problemText(error);
  }

  return (
    <AccountPage
      title="Organizations"
      lead="The teams you belong to and your role in each. The active organization is the one the apps you sign in to act in."
    >
      <Outcome
        done={state.done}
        error={state.error}
        returnTo="/organizations"
        doneText={{
          switched: "Active organization changed. Apps see it the next time they refresh your sign-in.",
          cleared: "No organization is active now.",
          left: "You left the organization.",
          accepted: "Invitation accepted: you are a member now.",
          declined: "Invitation declined.",
        }}
        errorText={{
          "no-name": "Enter the organization's name.",
          "bad-slug": "A short name is lowercase letters, digits and inner hyphens.",
          conflict: "An organization with that short name already exists; choose another.",
          forbidden: "This tenant does not let its users create organizations.",
        }}
      />
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-title" className="space-y-3">
          <h2 id="invitations-title" className="text-xl font-bold tracking-tight">
            Invitations waiting for you
          </h2>
          <ul className="space-y-2">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center gap-3 rounded-card border border-line bg-surface p-4" data-testid="invitation">
                <span className="grow">
                  <strong>{invitation.organization.name}</strong> invites you as {roleName(invitation.role)}
                  <span className="block text-xs text-muted">Open until {when(invitation.expiresAt)}</span>
                </span>
                <form action={answerInvitationAction} className="flex gap-2">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <Button type="submit" name="answer" value="accept" size="sm" aria-label={`Accept the invitation to ${invitation.organization.name}`}>
                    Accept
                  </Button>
                  <Button type="submit" name="answer" value="decline" variant="ghost" size="sm" aria-label={`Decline the invitation to ${invitation.organization.name}`}>
                    Decline
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {problem ? (
        <Alert variant="danger" title="Your organizations could not be loaded">
          {problem}
        </Alert>
      ) : !mine || mine.organizations.length === 0 ? (
        <EmptyState headingLevel={2} title="You are not in any organization yet" description="When someone invites you, the invitation comes by email and waits above; accept it and the organization shows here." />
      ) : (
        <Table caption="Your organizations">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Organization</TableHeaderCell>
              <TableHeaderCell>Your role</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Active</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {mine.organizations.map((organization) => (
              <TableRow key={organization.id} data-testid="organization-row">
                <TableCell>
                  <a href={`/organizations/${organization.id}`} className="font-medium text-brand-700 underline-offset-4 hover:underline">
                    {organization.name}
                  </a>
                  <span className="block text-xs text-muted">{organization.slug}</span>
                </TableCell>
                <TableCell>{roleName(organization.role)}</TableCell>
                <TableCell>
                  {organization.active ? (
                    <Badge tone="brand">Active</Badge>
                  ) : (
                    <form action={switchOrganizationAction}>
                      <input type="hidden" name="organizationId" value={organization.id} />
                      <Button type="submit" variant="ghost" size="sm" aria-label={`Make ${organization.name} active`}>
                        Make active
                      </Button>
                    </form>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <section aria-labelledby="create-title" className="space-y-3 rounded-card border border-line bg-surface p-5 sm:p-6">
        <h2 id="create-title" className="text-xl font-bold tracking-tight">
          Create an organization
        </h2>
        <p className="text-sm text-muted">You become its owner, and can invite people to it.</p>
        <form action={createOrganizationAction} className="flex flex-wrap items-end gap-3">
          <Field label="Organization name">
            <Input name="name" required maxLength={100} className="min-w-64" />
          </Field>
          <Field label="Short name (optional)" hint="Lowercase letters, digits and hyphens; made from the name when empty.">
            <Input name="slug" maxLength={64} pattern="[a-z0-9-]*" />
          </Field>
          <Button type="submit">Create organization</Button>
        </form>
      </section>
    </AccountPage>
  );
}
