import { and, asc, count, eq, ne } from "drizzle-orm";
import { ADMIN_ROLE_KEYS, MANAGEMENT_SCOPES, type AdminRole, type ManagementScope } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { memberships, organizations, roles, tenants, users } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { permissionsOfRole } from "../organizations/roles";

/**
 * Who administers a tenant is kept in the platform tenant, with Plinto's own organizations: each
 * tenant has one organization there (`managedTenantId`), whose members are its admins and whose
 * roles (owner, admin, developer, support, viewer) say what they may do. The platform tenant's own
 * organization holds the platform operators.
 */
export async function platformTenant(db: Executor) {
  const [platform] = await db.select().from(tenants).where(eq(tenants.kind, "platform")).limit(1);
  if (!platform) throw new ServiceError("service_unavailable", "The platform tenant does not exist yet");
  return platform;
}

/**
 * The platform organization standing for `tenant`, made on first use; none while there is no
 * platform tenant (a bare database in a test: its first tenant may be a customer one).
 */
export async function ensureAdminOrganization(tx: Executor, tenant: { id: string; slug: string; name: string }) {
  const [platform] = await tx.select().from(tenants).where(eq(tenants.kind, "platform")).limit(1);
  if (!platform) return undefined;
  const [existing] = await tx.select().from(organizations).where(eq(organizations.managedTenantId, tenant.id)).limit(1);
  if (existing) return existing;
  const [created] = await tx
    .insert(organizations)
    .values({ tenantId: platform.id, name: tenant.name, slug: `tenant-${tenant.slug}`, managedTenantId: tenant.id })
    .returning();
  return created!;
}

/** Makes a platform user an admin of `tenant` with `role` (or changes their role). */
export async function setTenantAdmin(
  tx: Executor,
  ctx: RequestContext,
  input: { tenant: { id: string; slug: string; name: string }; userId: string; role: AdminRole },
) {
  const organization = await ensureAdminOrganization(tx, input.tenant);
  if (!organization) throw new ServiceError("service_unavailable", "The platform tenant does not exist yet");
  const platformId = organization.tenantId;
  const [role] = await tx.select().from(roles).where(and(eq(roles.tenantId, platformId), eq(roles.key, input.role))).limit(1);
  if (!role) throw new ServiceError("service_unavailable", `The platform tenant has no ${input.role} role yet`);
  const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, platformId), eq(users.id, input.userId))).limit(1);
  if (!user) throw new ServiceError("not_found", "No such platform user");
  if (input.role !== "owner") await assertNotLastOwner(tx, organization, input.userId);
  await tx
    .insert(memberships)
    .values({ tenantId: platformId, organizationId: organization.id, userId: input.userId, roleId: role.id })
    .onConflictDoUpdate({ target: [memberships.tenantId, memberships.organizationId, memberships.userId], set: { roleId: role.id } });
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenant.id,
    action: "tenant.admin_set",
    targetType: "user",
    targetId: input.userId,
    data: { role: input.role },
  });
}

/**
 * The management scopes a platform user holds in a tenant right now: read from their membership on
 * every request, so a role change or removal counts from the next request. None for a user who is
 * not active or not an admin there; `tenants:*` only count in the platform tenant itself.
 */
export async function adminScopes(db: Executor, input: { userId: string; tenantId: string }): Promise<ManagementScope[]> {
  const platform = await platformTenant(db);
  const [row] = await db
    .select({ roleId: memberships.roleId, status: users.status })
    .from(memberships)
    .innerJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(
      and(eq(memberships.tenantId, platform.id), eq(memberships.userId, input.userId), eq(organizations.managedTenantId, input.tenantId)),
    )
    .limit(1);
  if (!row || row.status !== "active") return [];
  const granted = new Set(await permissionsOfRole(db, platform.id, row.roleId));
  return MANAGEMENT_SCOPES.filter((s) => granted.has(s) && (input.tenantId === platform.id || !s.startsWith("tenants:")));
}

/** The platform organization of a tenant, if it has one yet. */
async function adminOrganizationOf(db: Executor, tenantId: string) {
  const [organization] = await db.select().from(organizations).where(eq(organizations.managedTenantId, tenantId)).limit(1);
  return organization;
}

/** The owner role's id in the platform tenant, and the owners an organization has besides `userId`. */
async function otherOwners(db: Executor, organization: { id: string; tenantId: string }, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(
      and(
        eq(memberships.tenantId, organization.tenantId),
        eq(memberships.organizationId, organization.id),
        eq(roles.key, "owner"),
        ne(memberships.userId, userId),
      ),
    );
  return Number(row?.n ?? 0);
}

async function roleOf(db: Executor, organization: { id: string; tenantId: string }, userId: string): Promise<AdminRole | undefined> {
  const [row] = await db
    .select({ key: roles.key })
    .from(memberships)
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.tenantId, organization.tenantId), eq(memberships.organizationId, organization.id), eq(memberships.userId, userId)))
    .limit(1);
  return row && (ADMIN_ROLE_KEYS as string[]).includes(row.key) ? (row.key as AdminRole) : undefined;
}

/** A tenant keeps at least one owner: the last one can be neither demoted nor removed. */
async function assertNotLastOwner(db: Executor, organization: { id: string; tenantId: string }, userId: string) {
  if ((await roleOf(db, organization, userId)) !== "owner") return;
  if ((await otherOwners(db, organization, userId)) === 0) {
    throw new ServiceError("conflict", "This is the tenant's last owner: make someone else owner first");
  }
}

export interface TenantAdmin {
  userId: string;
  email: string;
  name: string | null;
  role: AdminRole;
  since: Date;
}

/** Who administers a tenant, by email. */
export async function listTenantAdmins(db: Executor, tenantId: string): Promise<TenantAdmin[]> {
  const organization = await adminOrganizationOf(db, tenantId);
  if (!organization) return [];
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: roles.key, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.tenantId, organization.tenantId), eq(memberships.organizationId, organization.id)))
    .orderBy(asc(users.email));
  return rows.filter((r): r is TenantAdmin => (ADMIN_ROLE_KEYS as string[]).includes(r.role));
}

/** One admin of a tenant, or not_found. */
export async function getTenantAdmin(db: Executor, tenantId: string, userId: string): Promise<TenantAdmin> {
  const admin = (await listTenantAdmins(db, tenantId)).find((a) => a.userId === userId);
  if (!admin) throw new ServiceError("not_found", "This user does not administer the tenant");
  return admin;
}

/** Stops a user administering `tenant`; counts from their next request. Not the last owner. */
export async function removeTenantAdmin(tx: Executor, ctx: RequestContext, input: { tenant: { id: string }; userId: string }) {
  const organization = await adminOrganizationOf(tx, input.tenant.id);
  const role = organization ? await roleOf(tx, organization, input.userId) : undefined;
  if (!organization || !role) throw new ServiceError("not_found", "This user does not administer the tenant");
  await assertNotLastOwner(tx, organization, input.userId);
  await tx
    .delete(memberships)
    .where(
      and(eq(memberships.tenantId, organization.tenantId), eq(memberships.organizationId, organization.id), eq(memberships.userId, input.userId)),
    );
  await recordAuditEvent(tx, ctx, { tenantId: input.tenant.id, action: "tenant.admin_removed", targetType: "user", targetId: input.userId, data: { role } });
}

/** The admin role a platform user holds in a tenant, if any. */
export async function tenantAdminRole(db: Executor, input: { userId: string; tenantId: string }): Promise<AdminRole | undefined> {
  const organization = await adminOrganizationOf(db, input.tenantId);
  return organization ? roleOf(db, organization, input.userId) : undefined;
}

/** The tenants a platform user administers, with their role in each, by name. */
export async function tenantsAdministeredBy(db: Executor, input: { platformTenantId: string; userId: string }) {
  const rows = await db
    .select({ slug: tenants.slug, name: tenants.name, kind: tenants.kind, status: tenants.status, role: roles.key })
    .from(memberships)
    .innerJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .innerJoin(tenants, eq(tenants.id, organizations.managedTenantId))
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.tenantId, input.platformTenantId), eq(memberships.userId, input.userId)))
    .orderBy(asc(tenants.name), asc(tenants.slug));
  return rows.flatMap((r) => ((ADMIN_ROLE_KEYS as string[]).includes(r.role) ? [{ ...r, role: r.role as AdminRole }] : []));
}

/**
 * Owners and admins differ in one thing: who may change a tenant's admins. Through the platform
 * tenant that means a platform owner (an API key with `tenants:write` is trusted as its maker was).
 */
export async function assertMayChangeAdmins(db: Executor, caller: { tenantId: string; actor: RequestContext["actor"] }) {
  if (caller.actor.type !== "admin") return;
  const role = caller.actor.id ? await tenantAdminRole(db, { userId: caller.actor.id, tenantId: caller.tenantId }) : undefined;
  if (role !== "owner") throw new ServiceError("forbidden", "Only owners change who administers a tenant");
}
