import { PlintoApiError } from "@plinto/sdk";
import { Alert, Badge, Button, ButtonLink, CodeBlock, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoleCell } from "~/components/RoleCell";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
import { tenantContext } from "~/lib/tenant";
import { problemText } from "@plinto/ui";
import { organizationChangeAction, type OrganizationChange } from "../actions";
import { AddDomainForm, AddMemberForm, InviteForm, MfaPolicyForm, VerifyDomainForm } from "../OrganizationForms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organization" };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

// Outcomes come back as codes in the URL; the words are the page's own.
const DONE: Record<OrganizationChange, string> = {
  "remove-member": "The member was removed.",
  "revoke-invitation": "The invitation was revoked; its link no longer works.",
  "member-role": "The member's role was changed; it counts from their next token.",
  "resend-invitation": "The invitation was mailed again with a new link; the old link no longer works.",
  "domain-auto-join": "Auto-join was changed for the domain.",
  "remove-domain": "The domain was removed; nobody joins through it any more.",
};
function failureText(change: string, reason: string): string {
  if (reason === "forbidden") return "Your role in this tenant cannot change this organization.";
  if (reason === "not_found") return "It is not there any more; the page shows what is.";
  if (reason === "conflict" && (change === "member-role" || change === "remove-member")) {
    return "This is the organization's last owner, and an organization keeps at least one owner: make someone else owner first.";
  }
  if (reason === "conflict" && change === "resend-invitation") return "Only a pending invitation can be sent again: invite them anew instead.";
  if (reason === "validation_failed" && change === "member-role") return "Choose one of the tenant's roles.";
  return "The API could not make the change; try again.";
}

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
  let loaded;
  try {
    const [members, invitations, roles, domains] = await Promise.all([
      context.api.organizations.members.list(organization.id, { limit: 100 }),
      context.api.organizations.invitations.list(organization.id),
      context.api.roles.list(),
      context.api.organizations.domains.list(organization.id),
    ]);
    loaded = { members: members.members, moreMembers: members.nextCursor !== null, invitations, roles, domains };
  } catch (error) {
    return (
      <TenantPage tenantName={context.tenant.name} title={organization.name}>
        <Alert variant="danger" title="This organization could not be loaded">
          {problemText(error)}
        </Alert>
      </TenantPage>
    );
  }
  const { members, invitations, roles, domains } = loaded;
  const canWrite = context.can("organizations:write");
  const roleKeys = roles.map((r) => r.key);
  const page = `/organizations/${organization.id}`;
  const confirm = typeof query.confirm === "string" ? query.confirm : undefined;
  const target = typeof query.target === "string" ? query.target : "";
  const removing = confirm === "remove-member" ? members.find((m) => m.userId === target) : undefined;
  const revoking = confirm === "revoke-invitation" ? invitations.find((i) => i.id === target) : undefined;
  const removingDomain = confirm === "remove-domain" ? domains.find((d) => d.id === target) : undefined;
  const done = typeof query.done === "string" && query.done in DONE ? DONE[query.done as OrganizationChange] : undefined;
  const change = (fields: Record<string, string>) => ({ organization: organization.id, ...fields });

  return (
    <TenantPage
      tenantName={context.tenant.name}
      title={organization.name}
      lead={`Organization ${organization.slug}: its members, invitations, email domains and second-factor policy.`}
    >
      {done ? <Alert variant="success" title="Done">{done}</Alert> : null}
      {typeof query.failed === "string" ? (
        <Alert variant="danger" title="That did not change">
          {failureText(query.failed, String(query.reason ?? ""))}
        </Alert>
      ) : null}
      {removing && canWrite ? (
        <ConfirmPanel
          title={`Remove ${removing.email}?`}
          consequence="They lose their role here at once, from their next request."
          action={organizationChangeAction}
          fields={change({ change: "remove-member", target: removing.userId })}
          confirmLabel="Remove the member"
          confirmVariant="danger"
          cancelHref={page}
          cancelLabel="Keep them"
        />
      ) : null}
      {revoking && canWrite ? (
        <ConfirmPanel
          title={`Revoke the invitation to ${revoking.email}?`}
          consequence="Its link stops working."
          action={organizationChangeAction}
          fields={change({ change: "revoke-invitation", target: revoking.id })}
          confirmLabel="Revoke the invitation"
          confirmVariant="danger"
          cancelHref={page}
          cancelLabel="Keep it"
        />
      ) : null}
      {removingDomain && canWrite ? (
        <ConfirmPanel
          title={`Remove the domain ${removingDomain.domain}?`}
          consequence="Nobody joins through it any more; members who joined through it stay members. Adding it again needs a new TXT record."
          action={organizationChangeAction}
          fields={change({ change: "remove-domain", target: removingDomain.id })}
          confirmLabel="Remove the domain"
          confirmVariant="danger"
          cancelHref={page}
          cancelLabel="Keep it"
        />
      ) : null}

      <section aria-labelledby="members-title" className="space-y-4">
        <h2 id="members-title" className="text-xl font-bold tracking-tight">
          Members
        </h2>
        {members.length === 0 ? (
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
              {members.map((member) => (
                <TableRow key={member.id}>
                  <TableHeaderCell scope="row">{member.email}</TableHeaderCell>
                  <td className="px-4 py-3">{member.name ?? "—"}</td>
                  <td className="px-4 py-3">
                    <RoleCell
                      email={member.email}
                      role={member.role}
                      roles={roleKeys}
                      mayChange={canWrite}
                      action={organizationChangeAction}
                      fields={{ organization: organization.id, change: "member-role", target: member.userId }}
                    />
                  </td>
                  <td className="px-4 py-3">{day(member.joinedAt)}</td>
                  {canWrite ? (
                    <td className="px-4 py-3">
                      <ButtonLink href={`${page}?confirm=remove-member&target=${member.userId}`} variant="ghost" size="sm" aria-label={`Remove ${member.email}`}>
                        Remove
                      </ButtonLink>
                    </td>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {loaded.moreMembers ? <p className="text-sm text-muted">The first 100 members are shown.</p> : null}
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
                        <div className="flex flex-wrap gap-2">
                          <form action={organizationChangeAction}>
                            <input type="hidden" name="organization" value={organization.id} />
                            <input type="hidden" name="change" value="resend-invitation" />
                            <input type="hidden" name="target" value={invitation.id} />
                            <Button type="submit" variant="secondary" size="sm" aria-label={`Resend the invitation to ${invitation.email}`}>
                              Resend
                            </Button>
                          </form>
                          <ButtonLink
                            href={`${page}?confirm=revoke-invitation&target=${invitation.id}`}
                            variant="ghost"
                            size="sm"
                            aria-label={`Revoke the invitation to ${invitation.email}`}
                          >
                            Revoke
                          </ButtonLink>
                        </div>
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

      <section aria-labelledby="domains-title" className="space-y-4">
        <div>
          <h2 id="domains-title" className="text-xl font-bold tracking-tight">
            Email domains
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-muted">
            A domain proves itself with a DNS TXT record. Once verified, people who confirm an address there can join as members by themselves when
            auto-join is on.
          </p>
        </div>
        {domains.length === 0 ? (
          <EmptyState title="No email domains" description="Add the domain of the organization's email addresses, then publish its TXT record." />
        ) : (
          <Table caption={`Email domains of ${organization.name}`} hideCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Domain</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Auto-join</TableHeaderCell>
                {canWrite ? <TableHeaderCell>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {domains.map((domain) => (
                <TableRow key={domain.id}>
                  <TableHeaderCell scope="row">{domain.domain}</TableHeaderCell>
                  <td className="px-4 py-3">
                    {domain.verified ? (
                      <Badge tone="success">Verified{domain.verifiedAt ? ` ${day(domain.verifiedAt)}` : ""}</Badge>
                    ) : (
                      <Badge tone="warning">Not verified</Badge>
                    )}
                  </td>
                  <td className="px-4 py-3">{domain.autoJoin ? "On" : "Off"}</td>
                  {canWrite ? (
                    <td className="px-4 py-3">
                      <div className="flex flex-wrap gap-2">
                        <form action={organizationChangeAction}>
                          <input type="hidden" name="organization" value={organization.id} />
                          <input type="hidden" name="change" value="domain-auto-join" />
                          <input type="hidden" name="target" value={domain.id} />
                          {domain.autoJoin ? null : <input type="hidden" name="autoJoin" value="on" />}
                          <Button type="submit" variant="secondary" size="sm" aria-label={`Turn auto-join ${domain.autoJoin ? "off" : "on"} for ${domain.domain}`}>
                            Turn auto-join {domain.autoJoin ? "off" : "on"}
                          </Button>
                        </form>
                        <ButtonLink href={`${page}?confirm=remove-domain&target=${domain.id}`} variant="ghost" size="sm" aria-label={`Remove ${domain.domain}`}>
                          Remove
                        </ButtonLink>
                      </div>
                    </td>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {domains
          .filter((d) => !d.verified)
          .map((domain) => (
            <div key={domain.id} className="space-y-3 rounded-card border border-line bg-surface p-4" aria-labelledby={`verify-${domain.id}`} role="group">
              <h3 id={`verify-${domain.id}`} className="font-semibold">
                Verify {domain.domain}
              </h3>
              <p className="text-sm text-muted">At your DNS provider, create this record, then verify. DNS changes can take a while to be seen.</p>
              <dl className="grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="font-medium">Type</dt>
                <dd>
                  <code className="font-mono">{domain.verification.type}</code>
                </dd>
                <dt className="font-medium">Name</dt>
                <dd>
                  <CodeBlock>{domain.verification.name}</CodeBlock>
                </dd>
                <dt className="font-medium">Value</dt>
                <dd>
                  <CodeBlock>{domain.verification.value}</CodeBlock>
                </dd>
              </dl>
              {canWrite ? <VerifyDomainForm organizationId={organization.id} domainId={domain.id} domain={domain.domain} /> : null}
            </div>
          ))}
        {canWrite ? <AddDomainForm organizationId={organization.id} /> : null}
      </section>

      <section aria-labelledby="mfa-title" className="space-y-4">
        <div>
          <h2 id="mfa-title" className="text-xl font-bold tracking-tight">
            Second factor
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-muted">
            {organization.mfaPolicy.mode === "required"
              ? `Required of every member, with ${organization.mfaPolicy.gracePeriodDays} day${organization.mfaPolicy.gracePeriodDays === 1 ? "" : "s"} to set one up${
                  organization.mfaPolicy.requiredSince ? ` (required since ${day(organization.mfaPolicy.requiredSince)})` : ""
                }.`
              : "Members follow the tenant's second-factor policy. Requiring one here applies even where the tenant's policy is looser."}
          </p>
        </div>
        {canWrite ? (
          <MfaPolicyForm organizationId={organization.id} mode={organization.mfaPolicy.mode} gracePeriodDays={organization.mfaPolicy.gracePeriodDays} />
        ) : null}
      </section>
    </TenantPage>
  );
}
