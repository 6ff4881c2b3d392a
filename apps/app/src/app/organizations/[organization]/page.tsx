import type { Member, SessionOrganizationListResponse } from "@plinto/contracts";
import { Alert, Badge, Button, ButtonLink, ConfirmPanel, EmptyState, Field, Input, Select, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountPage, Outcome, Section, SignInFirst } from "~/components/AccountPage";
import { accountApi, errorCode, pageState, withState } from "~/lib/account";
import { changeRoleAction, inviteMemberAction, leaveOrganizationAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organization" };

const ROLES = [
  { key: "member", label: "Member" },
  { key: "admin", label: "Admin" },
  { key: "owner", label: "Owner" },
] as const;
const roleName = (role: string) => ROLES.find((r) => r.key === role)?.label ?? role;

export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ organization: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization: id } = await params;
  const api = await accountApi();
  if (!api) return <SignInFirst what="this organization" returnTo={`/organizations/${encodeURIComponent(id)}`} />;
  const state = pageState(await searchParams);
  let mine: SessionOrganizationListResponse;
  try {
    mine = await api.memberships.list();
  } catch (error) {
    return (
      <AccountPage title="Organization">
        <Alert variant="danger" title="This organization could not be loaded">
          {problemText(error)}
        </Alert>
      </AccountPage>
    );
  }
  const organization = mine.organizations.find((o) => o.id === id);
  if (!organization) notFound();

  // What the user's role allows is the API's to say: members:read shows the list, else it refuses.
  let members: Member[] | null = null;
  let membersRefused: string | null = null;
  try {
    members = (await api.organizations.members(organization.id, { limit: 100 })).members;
  } catch (error) {
    membersRefused = errorCode(error) === "forbidden" ? "Your role here does not let you see the members." : problemText(error);
  }
  const manager = organization.role === "owner" || organization.role === "admin";
  const self = await api.profile.get().catch(() => null);
  const path = `/organizations/${organization.id}`;
  const assignable = organization.role === "owner" ? ROLES : ROLES.filter((r) => r.key !== "owner");

  return (
    <AccountPage title={organization.name} lead={`Your role: ${roleName(organization.role)}. Short name: ${organization.slug}.`}>
      <Outcome
        done={state.done}
        error={state.error}
        returnTo={path}
        doneText={{
          created: "The organization is created and you are its owner. Invite the people you work with.",
          invited: "The invitation is on its way by email; it shows as a member once they accept.",
          "role-changed": "The role is changed.",
        }}
        errorText={{
          forbidden: "Your role in this organization does not allow that.",
          conflict: "That cannot be done: an invitation may be waiting already, or the organization would be left without an owner.",
          "bad-invitation": "Enter an email address like name@example.com and a role.",
        }}
      />
      <Section id="members" title="Members">
        {membersRefused ? (
          <p className="text-sm text-muted">{membersRefused}</p>
        ) : members && members.length > 0 ? (
          <Table caption="Members of this organization" hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Person</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Joined</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {members.map((member) => (
                <TableRow key={member.userId} data-testid="member-row">
                  <TableCell>
                    <span className="font-medium">{member.name ?? member.email}</span>
                    <span className="block text-xs text-muted">{member.email}</span>
                  </TableCell>
                  <TableCell>
                    {manager && member.userId !== self?.id && (organization.role === "owner" || member.role !== "owner") ? (
                      <form action={changeRoleAction} className="flex items-center gap-2">
                        <input type="hidden" name="organization" value={organization.id} />
                        <input type="hidden" name="user" value={member.userId} />
                        <label htmlFor={`role-${member.userId}`} className="sr-only">
                          Role of {member.email}
                        </label>
                        <Select id={`role-${member.userId}`} name="role" defaultValue={member.role} className="w-32">
                          {assignable.map((role) => (
                            <option key={role.key} value={role.key}>
                              {role.label}
                            </option>
                          ))}
                        </Select>
                        <Button type="submit" variant="ghost" size="sm" aria-label={`Change the role of ${member.email}`}>
                          Change
                        </Button>
                      </form>
                    ) : (
                      <>
                        {roleName(member.role)}
                        {member.userId === self?.id ? (
                          <Badge tone="brand" className="ml-2">
                            You
                          </Badge>
                        ) : null}
                      </>
                    )}
                  </TableCell>
                  <TableCell>{when(member.joinedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <EmptyState headingLevel={3} title="No members yet" />
        )}
      </Section>
      {manager ? (
        <Section id="invite" title="Invite someone" lead="They get an email with a link to join; it works for their address only.">
          <form action={inviteMemberAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="organization" value={organization.id} />
            <Field label="Email address">
              <Input type="email" name="email" required maxLength={320} className="min-w-72" />
            </Field>
            <Field label="Role">
              <Select name="role" defaultValue="member">
                {assignable.map((role) => (
                  <option key={role.key} value={role.key}>
                    {role.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit">Send invitation</Button>
          </form>
        </Section>
      ) : null}
      <Section id="leave" title="Leave this organization" lead="You lose access to it at once; to come back, someone must invite you again.">
        {state.confirm === "leave" ? (
          <ConfirmPanel
            title={`Leave ${organization.name}?`}
            consequence="Apps stop seeing you as a member from your next sign-in."
            action={leaveOrganizationAction}
            fields={{ organization: organization.id }}
            confirmLabel="Leave organization"
            confirmVariant="danger"
            cancelHref={path}
            cancelLabel="Stay"
          />
        ) : (
          <ButtonLink href={withState(path, { confirm: "leave" }) + "#leave"} variant="secondary">
            Leave…
          </ButtonLink>
        )}
      </Section>
    </AccountPage>
  );
}
