import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { ADMIN_ROLES, BUILT_IN_PERMISSIONS, BUILT_IN_ROLES, MANAGEMENT_SCOPES, ROLE_KEY, type AdminRole } from "@plinto/contracts";
import { isId, type Executor } from "@plinto/db";
import { invitations, memberships, permissions, rolePermissions, roles, type TenantKind } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";

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

// ── Custom roles and permissions (management API) ─────────────────────────────────────────────

export type Role = typeof roles.$inferSelect & { permissions: string[] };
export type Permission = typeof permissions.$inferSelect;

function checkKey(what: "role" | "permission", key: string) {
  if (!ROLE_KEY.test(key)) {
    throw new ServiceError("validation_failed", `That is not a valid ${what} key`, [
      { path: "key", message: "Start with a lowercase letter, then up to 63 lowercase letters, digits, _ : . or -" },
    ]);
  }
}

/** The tenant's role by id (`rol_…`) or key; another tenant's is not_found. */
async function findRole(db: Executor, tenantId: string, idOrKey: string, options: { lock?: boolean } = {}) {
  const match = isId("role", idOrKey) ? eq(roles.id, idOrKey) : eq(roles.key, idOrKey);
  const query = db.select().from(roles).where(and(eq(roles.tenantId, tenantId), match)).limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new ServiceError("not_found", "No such role");
  return row;
}

/** Permission keys → ids, refusing any key the tenant does not have (validation_failed per key). */
async function permissionIds(db: Executor, tenantId: string, keys: readonly string[]) {
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ id: permissions.id, key: permissions.key })
    .from(permissions)
    .where(and(eq(permissions.tenantId, tenantId), inArray(permissions.key, wanted)));
  const missing = wanted.filter((k) => !rows.some((r) => r.key === k));
  if (missing.length > 0) {
    throw new ServiceError(
      "validation_failed",
      `This tenant has no permission ${missing.map((k) => `"${k}"`).join(", ")}`,
      missing.map((k) => ({ path: "permissions", message: `No permission with the key "${k}"` })),
    );
  }
  return rows.map((r) => r.id);
}

/** The tenant's roles with their permission keys: built-in first, then by key. */
export async function listRoles(db: Executor, tenantId: string): Promise<Role[]> {
  const rows = await db.select().from(roles).where(eq(roles.tenantId, tenantId)).orderBy(desc(roles.builtIn), asc(roles.key));
  const grants = await db
    .select({ roleId: rolePermissions.roleId, key: permissions.key })
    .from(rolePermissions)
    .innerJoin(permissions, and(eq(permissions.tenantId, rolePermissions.tenantId), eq(permissions.id, rolePermissions.permissionId)))
    .where(eq(rolePermissions.tenantId, tenantId));
  return rows.map((role) => ({ ...role, permissions: grants.filter((g) => g.roleId === role.id).map((g) => g.key).sort() }));
}

export async function getRole(db: Executor, tenantId: string, idOrKey: string): Promise<Role> {
  const role = await findRole(db, tenantId, idOrKey);
  return { ...role, permissions: await permissionsOfRole(db, tenantId, role.id) };
}

export async function createRole(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; key: string; name: string; description?: string | undefined; permissions: readonly string[] },
): Promise<Role> {
  checkKey("role", input.key);
  const ids = await permissionIds(tx, input.tenantId, input.permissions);
  const [role] = await tx
    .insert(roles)
    .values({ tenantId: input.tenantId, key: input.key, name: input.name.trim(), description: input.description?.trim() || null })
    .onConflictDoNothing()
    .returning();
  if (!role) throw new ServiceError("conflict", `A role with the key "${input.key}" already exists`);
  if (ids.length > 0) await tx.insert(rolePermissions).values(ids.map((permissionId) => ({ tenantId: input.tenantId, roleId: role.id, permissionId })));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "role.created",
    targetType: "role",
    targetId: role.id,
    data: { key: role.key, permissions: [...new Set(input.permissions)].sort() },
  });
  return getRole(tx, input.tenantId, role.id);
}

/** Changes a custom role; built-in roles are Plinto's and stay as they are. */
export async function updateRole(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; role: string; name?: string | undefined; description?: string | null | undefined; permissions?: readonly string[] | undefined },
): Promise<Role> {
  const current = await findRole(tx, input.tenantId, input.role, { lock: true });
  if (current.builtIn) throw new ServiceError("conflict", `"${current.key}" is a built-in role: it cannot be changed; create a custom role instead`);
  await tx
    .update(roles)
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(roles.tenantId, input.tenantId), eq(roles.id, current.id)));
  if (input.permissions !== undefined) {
    const ids = await permissionIds(tx, input.tenantId, input.permissions);
    await tx.delete(rolePermissions).where(and(eq(rolePermissions.tenantId, input.tenantId), eq(rolePermissions.roleId, current.id)));
    if (ids.length > 0) await tx.insert(rolePermissions).values(ids.map((permissionId) => ({ tenantId: input.tenantId, roleId: current.id, permissionId })));
  }
  const role = await getRole(tx, input.tenantId, current.id);
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "role.updated",
    targetType: "role",
    targetId: current.id,
    data: { key: current.key, name: role.name, permissions: role.permissions },
  });
  return role;
}

/** Deletes a custom role that no membership or invitation uses. */
export async function deleteRole(tx: Executor, ctx: RequestContext, input: { tenantId: string; role: string }) {
  const current = await findRole(tx, input.tenantId, input.role, { lock: true });
  if (current.builtIn) throw new ServiceError("conflict", `"${current.key}" is a built-in role: it cannot be deleted`);
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.roleId, current.id)))
    .limit(1);
  const [invited] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.tenantId, input.tenantId), eq(invitations.roleId, current.id)))
    .limit(1);
  if (member || invited) {
    throw new ServiceError("conflict", `The role "${current.key}" is in use by ${member ? "members" : "invitations"}: give them another role first`);
  }
  await tx.delete(roles).where(and(eq(roles.tenantId, input.tenantId), eq(roles.id, current.id)));
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "role.deleted", targetType: "role", targetId: current.id, data: { key: current.key } });
}

export async function listPermissions(db: Executor, tenantId: string): Promise<Permission[]> {
  return db.select().from(permissions).where(eq(permissions.tenantId, tenantId)).orderBy(asc(permissions.key));
}

export async function createPermission(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; key: string; description?: string | undefined },
): Promise<Permission> {
  checkKey("permission", input.key);
  const [permission] = await tx
    .insert(permissions)
    .values({ tenantId: input.tenantId, key: input.key, description: input.description?.trim() || null })
    .onConflictDoNothing()
    .returning();
  if (!permission) throw new ServiceError("conflict", `A permission with the key "${input.key}" already exists`);
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "permission.created",
    targetType: "permission",
    targetId: permission.id,
    data: { key: permission.key },
  });
  return permission;
}

/** Deletes a custom permission (by id or key); the roles that held it lose it (foreign key cascade). */
export async function deletePermission(tx: Executor, ctx: RequestContext, input: { tenantId: string; permission: string }) {
  const match = isId("permission", input.permission) ? eq(permissions.id, input.permission) : eq(permissions.key, input.permission);
  const [current] = await tx.select().from(permissions).where(and(eq(permissions.tenantId, input.tenantId), match)).limit(1).for("update");
  if (!current) throw new ServiceError("not_found", "No such permission");
  if (current.builtIn) throw new ServiceError("conflict", `"${current.key}" is a built-in permission: it cannot be deleted`);
  await tx.delete(permissions).where(and(eq(permissions.tenantId, input.tenantId), eq(permissions.id, current.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "permission.deleted",
    targetType: "permission",
    targetId: current.id,
    data: { key: current.key },
  });
}
