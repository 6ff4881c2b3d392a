import { and, eq } from "drizzle-orm";
import { MANAGEMENT_SCOPES, type AdminRole, type ManagementScope } from "@plinto/contracts";
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
