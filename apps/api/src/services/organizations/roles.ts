import { and, eq, inArray } from "drizzle-orm";
import { ADMIN_ROLES, BUILT_IN_PERMISSIONS, BUILT_IN_ROLES, MANAGEMENT_SCOPES, type AdminRole } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { permissions, rolePermissions, roles, type TenantKind } from "@plinto/db/schema";

interface RoleSpec {
  name: string;
  permissions: readonly string[];
}

const ADMIN_ROLE_NAMES: Record<AdminRole, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  support: "Support",
  viewer: "Viewer",
};

const MANAGEMENT_DESCRIPTION = "Management API: ";

/**
 * The built-in roles of a tenant. Every tenant has owner, admin and member for its organizations.
 * The platform tenant's organizations stand for the tenants it administers, so there the roles
 * also carry management permissions, and developer, support and viewer join them.
 */
export function builtInRoleSpecs(kind: TenantKind): Record<string, RoleSpec> {
  const specs: Record<string, RoleSpec> = Object.fromEntries(
    Object.entries(BUILT_IN_ROLES).map(([key, role]) => [key, { name: role.name, permissions: role.permissions }]),
  );
  if (kind !== "platform") return specs;
  for (const [key, scopes] of Object.entries(ADMIN_ROLES) as Array<[AdminRole, readonly string[]]>) {
    const base = specs[key]?.permissions ?? BUILT_IN_ROLES.member.permissions;
    specs[key] = { name: ADMIN_ROLE_NAMES[key], permissions: [...base, ...scopes] };
  }
  return specs;
}

/**
 * Makes the tenant's built-in permissions and roles exist with exactly their specified permissions.
 * Runs at tenant creation and at every start (the seed), so a release that changes a built-in role
 * brings existing tenants along. Custom roles and permissions are left alone.
 */
export async function ensureBuiltInRoles(tx: Executor, tenant: { id: string; kind: TenantKind }) {
  const specs = builtInRoleSpecs(tenant.kind);
  const descriptions: Record<string, string> = { ...BUILT_IN_PERMISSIONS };
  if (tenant.kind === "platform") {
    for (const scope of MANAGEMENT_SCOPES) descriptions[scope] = `${MANAGEMENT_DESCRIPTION}${scope}`;
  }
  const permissionRows = await tx
    .insert(permissions)
    .values(Object.entries(descriptions).map(([key, description]) => ({ tenantId: tenant.id, key, description, builtIn: true })))
    .onConflictDoUpdate({ target: [permissions.tenantId, permissions.key], set: { builtIn: true } })
    .returning({ id: permissions.id, key: permissions.key });
  const permissionId = new Map(permissionRows.map((p) => [p.key, p.id]));

  for (const [key, spec] of Object.entries(specs)) {
    const [role] = await tx
      .insert(roles)
      .values({ tenantId: tenant.id, key, name: spec.name, builtIn: true })
      .onConflictDoUpdate({ target: [roles.tenantId, roles.key], set: { builtIn: true } })
      .returning({ id: roles.id });
    const wanted = spec.permissions.map((p) => permissionId.get(p)!);
    const current = await tx
      .select({ permissionId: rolePermissions.permissionId })
      .from(rolePermissions)
      .where(and(eq(rolePermissions.tenantId, tenant.id), eq(rolePermissions.roleId, role!.id)));
    const stale = current.map((c) => c.permissionId).filter((id) => !wanted.includes(id));
    if (stale.length > 0) {
      await tx
        .delete(rolePermissions)
        .where(and(eq(rolePermissions.tenantId, tenant.id), eq(rolePermissions.roleId, role!.id), inArray(rolePermissions.permissionId, stale)));
    }
    await tx
      .insert(rolePermissions)
      .values(wanted.map((permissionId) => ({ tenantId: tenant.id, roleId: role!.id, permissionId })))
      .onConflictDoNothing();
  }
}

/** The permission keys a role grants, or none for a role that is not the tenant's. */
export async function permissionsOfRole(db: Executor, tenantId: string, roleId: string): Promise<string[]> {
  const rows = await db
    .select({ key: permissions.key })
    .from(rolePermissions)
    .innerJoin(permissions, and(eq(permissions.tenantId, rolePermissions.tenantId), eq(permissions.id, rolePermissions.permissionId)))
    .where(and(eq(rolePermissions.tenantId, tenantId), eq(rolePermissions.roleId, roleId)));
  return rows.map((r) => r.key).sort();
}
