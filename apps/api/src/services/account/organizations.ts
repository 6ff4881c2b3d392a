import { randomBytes } from "node:crypto";
import { ORGANIZATION_SLUG } from "@plinto/contracts";
import type { Db, Executor } from "@plinto/db";
import type { TenantSettings } from "@plinto/db/schema";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { organizationsOf } from "../organizations/active";
import { createInvitation, type InvitationDeps } from "../organizations/invitations";
import { addMember, createOrganization, getMember, listMembers, removeMember, updateMember, type Page } from "../organizations/organizations";
import { permissionsOfRole } from "../organizations/roles";

/**
 * Organizations run by their own members, through the end-user API: a user creates one (and owns
 * it) where the tenant allows it; its members are listed to those who may read them; invitations
 * and role changes take the permission their role gives (members:invite, members:manage), and only
 * an owner makes or unmakes an owner; anyone may leave, except its last owner. Each step reuses the
 * organizations service, so the rules (managed organizations, the last owner) are the same as an
 * administrator's.
 */

const OWNER = "owner";

export function usersCanCreateOrganizations(settings: TenantSettings): boolean {
  return settings.account?.usersCanCreateOrganizations ?? true;
}

/** A slug from a name: lowercase ASCII words joined by hyphens, at most 48 characters. */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return slug || "organization";
}

/**
 * The caller's membership of an organization, with what their role allows. An organization they
 * are not in is not_found, exactly like one that does not exist.
 */
async function membershipOf(db: Executor, who: { tenantId: string; userId: string }, organizationId: string) {
  const mine = (await organizationsOf(db, who)).find((o) => o.id === organizationId);
  if (!mine) throw new ServiceError("not_found", "No such organization");
  return { ...mine, permissions: await permissionsOfRole(db, who.tenantId, mine.roleId) };
}

function requirePermission(membership: { permissions: string[] }, permission: string, what: string) {
  if (!membership.permissions.includes(permission)) throw new ServiceError("forbidden", `Your role in this organization does not let you ${what}`);
}

export async function createOwnOrganization(
  tx: Executor,
  ctx: RequestContext,
  input: { tenant: { id: string; settings: TenantSettings }; userId: string; name: string; slug?: string | undefined },
) {
  if (!usersCanCreateOrganizations(input.tenant.settings)) {
    throw new ServiceError("forbidden", "Organizations here are created by the administrators");
  }
  let slug = input.slug;
  if (!slug) {
    const base = slugFromName(input.name);
    slug = ORGANIZATION_SLUG.test(base) ? base : "organization";
    // A free slug from the name, else the name with a short random suffix.
    const taken = await createOrganization(tx, ctx, { tenantId: input.tenant.id, name: input.name, slug }).catch((error: unknown) => {
      if (error instanceof ServiceError && error.code === "conflict") return undefined;
      throw error;
    });
    if (taken) {
      await addMember(tx, ctx, { tenantId: input.tenant.id, organizationId: taken.id, userId: input.userId, role: OWNER });
      return { ...taken, role: OWNER };
    }
    slug = `${slug.slice(0, 42)}-${randomBytes(3).toString("hex")}`;
  }
  const organization = await createOrganization(tx, ctx, { tenantId: input.tenant.id, name: input.name, slug });
  await addMember(tx, ctx, { tenantId: input.tenant.id, organizationId: organization.id, userId: input.userId, role: OWNER });
  return { ...organization, role: OWNER };
}

export async function listOwnOrganizationMembers(db: Executor, who: { tenantId: string; userId: string }, organizationId: string, page: Page) {
  const membership = await membershipOf(db, who, organizationId);
  requirePermission(membership, "members:read", "see its members");
  return listMembers(db, who.tenantId, organizationId, page);
}

export async function inviteToOwnOrganization(
  db: Db,
  deps: InvitationDeps,
  ctx: RequestContext,
  who: { tenantId: string; userId: string },
  input: { organizationId: string; email: string; role: string; expiresInDays?: number | undefined },
) {
  const membership = await membershipOf(db, who, input.organizationId);
  requirePermission(membership, "members:invite", "invite people");
  if (input.role === OWNER && membership.role !== OWNER) throw new ServiceError("forbidden", "Only an owner can invite an owner");
  return createInvitation(db, deps, ctx, { tenantId: who.tenantId, organizationId: input.organizationId, email: input.email, role: input.role, expiresInDays: input.expiresInDays, invitedByUserId: who.userId });
}

export async function changeOwnOrganizationMemberRole(
  tx: Executor,
  ctx: RequestContext,
  who: { tenantId: string; userId: string },
  input: { organizationId: string; memberUserId: string; role: string },
) {
  const membership = await membershipOf(tx, who, input.organizationId);
  requirePermission(membership, "members:manage", "change roles");
  const target = await getMember(tx, who.tenantId, input.organizationId, input.memberUserId);
  if ((target.role === OWNER || input.role === OWNER) && membership.role !== OWNER) {
    throw new ServiceError("forbidden", "Only an owner can make someone an owner or change an owner's role");
  }
  return updateMember(tx, ctx, { tenantId: who.tenantId, organizationId: input.organizationId, userId: input.memberUserId, role: input.role });
}

/** The caller leaves the organization; its last owner cannot (conflict) until someone else owns it. */
export async function leaveOrganization(tx: Executor, ctx: RequestContext, who: { tenantId: string; userId: string }, organizationId: string) {
  await membershipOf(tx, who, organizationId);
  await removeMember(tx, ctx, { tenantId: who.tenantId, organizationId, userId: who.userId });
}
