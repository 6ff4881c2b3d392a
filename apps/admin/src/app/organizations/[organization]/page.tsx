import { PlintoApiError } from "@plinto/sdk";
import { Alert, Badge, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
import { tenantContext } from "~/lib/tenant";
import { organizationChangeAction } from "../actions";
import { AddMemberForm, InviteForm } from "../OrganizationForms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organization" };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
const CHANGES = { "remove-member": "The member was removed.", "revoke-invitation": "The invitation was revoked; its link no longer works." } as const;

export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ organization: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization: organizationId } = await params;
  const query = await searchParams;
  const context = await tenantContext().catch(() => null);
  if (!context) return <SignInFirst what="organizations" />;
  let organization;
  try {
    organization = await context.api.organizations.get(organizationId);
  } catch (error) {
    if (error instanceof PlintoApiError && error.code === "not_found") notFound();
    throw error;
  }
  const [members, invitations, roles] = await Promise.all([
    context.api.organizations.members.list(organization.id, { limit: 100 }),
    context.api.organizations.invitations.list(organization.id),
    context.api.roles.list(),
  ]);
  const canWrite = context.can("organizations:write");
  const roleKeys = roles.map((r) => r.key);
  const confirm = typeof query.confirm === "string" ? query.confirm : undefined;
  const target = typeof query.target === "string" ? query.target : "";
  const removing = confirm === "remove-member" ? members.members.find((m) => m.userId === target) : undefined;
  const revoking = confirm === "revoke-invitation" ? invitations.find((i) => i.id === target) : undefined;
  const done = typeof query.done === "string" && query.done in CHANGES ? CHANGES[query.done as keyof typeof CHANGES] : undefined;

  return (
    <TenantPage tenantName={context.tenant.name} title={organization.name} lead={`Organization ${organization.slug}: its members and invitations.`}>
      {done ? <Alert variant="success" title="Done">{done}</Alert> : null}
      {typeof query.failed === "string" ? (
        <Alert variant="danger" title="That did not change">
          {query.reason === "conflict" ? "An organization keeps at least one owner." : "The API refused it, or your role cannot change this organization."}
        </Alert>
      ) : null}
      {removing && canWrite ? (
        <ConfirmPanel
          title={`Remove ${removing.email}?`}
          consequence="They lose their role here at once, from their next request."
          action={organizationChangeAction}
          fields={{ organization: organization.id, change: "remove-member", target: removing.userId }}
          confirmLabel="Remove the member"
          confirmVariant="danger"
          cancelHref={`/organizations/${organization.id}`}
          cancelLabel="Keep them"
        />
      ) : null}
      {revoking && canWrite ? (
        <ConfirmPanel
          title={`Revoke the invitation to ${revoking.email}?`}
          consequence="Its link stops working."
          action={organizationChangeAction}
          fields={{ organization: organization.id, change: "revoke-invitation", target: revoking.id }}
          confirmLabel="Revoke the invitation"
          confirmVariant="danger"
          cancelHref={`/organizations/${organization.id}`}
          cancelLabel="Keep it"
        />
      ) : null}

      <section aria-labelledby="members-title" className="space-y-4">
        <h2 id="members-title" className="text-xl font-bold tracking-tight">
          Members
        </h2>
        {members.members.length === 0 ? (
          <EmptyState title="No members yet" description="Add a user of this tenant, or invite someone by email." />
        ) : (
          <Table caption={`Members of ${organization.name}`} hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Email</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Joined</TableHeaderCell>
                {canWrite ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {members.members.map((member) => (
                <TableRow key={member.id}>
                  <TableHeaderCell scope="row">{member.email}</TableHeaderCell>
                  <td className="px-4 py-3">{member.name ?? "—"}</td>
                  <td className="px-4 py-3">
                    <Badge>{member.role}</Badge>
                  </td>
                  <td className="px-4 py-3">{day(member.joinedAt)}</td>
                  {canWrite ? (
                    <td className="px-4 py-3">
                      <ButtonLink
                        href={`/organizations/${organization.id}?confirm=remove-member&target=${member.userId}`}
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${member.email}`}
                      >
                        Remove
                      </ButtonLink>
                    </td>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canWrite ? <AddMemberForm organizationId={organization.id} roles={roleKeys} /> : null}
      </section>

      <section aria-labelledby="invitations-title" className="space-y-4">
        <h2 id="invitations-title" className="text-xl font-bold tracking-tight">
          Invitations
        </h2>
        {invitations.length === 0 ? (
          <p className="text-sm text-muted">No invitations.</p>
        ) : (
          <Table caption={`Invitations to ${organization.name}`} hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Email</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Expires</TableHeaderCell>
                {canWrite ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {invitations.map((invitation) => (
                <TableRow key={invitation.id}>
                  <TableHeaderCell scope="row">{invitation.email}</TableHeaderCell>
                  <td className="px-4 py-3">{invitation.role}</td>
                  <td className="px-4 py-3">
                    <Badge tone={invitation.status === "pending" ? "brand" : "neutral"}>{invitation.status}</Badge>
                  </td>
                  <td className="px-4 py-3">{day(invitation.expiresAt)}</td>
                  {canWrite ? (
                    <td className="px-4 py-3">
                      {invitation.status === "pending" ? (
                        <ButtonLink
                          href={`/organizations/${organization.id}?confirm=revoke-invitation&target=${invitation.id}`}
                          variant="ghost"
                          size="sm"
                          aria-label={`Revoke the invitation to ${invitation.email}`}
                        >
                          Revoke
                        </ButtonLink>
                      ) : null}
                    </td>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canWrite ? <InviteForm organizationId={organization.id} roles={roleKeys} /> : null}
      </section>
    </TenantPage>
  );
}
