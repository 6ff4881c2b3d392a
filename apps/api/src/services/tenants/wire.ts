import type { Tenant as TenantJson } from "@plinto/contracts";
import type { TenantAdmin } from "./admins";
import type { Tenant } from "./tenants";

/** A tenant on the wire: who it is, never its settings (those are `/v1/settings`'). */
export function tenantJson(tenant: Tenant): TenantJson {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    kind: tenant.kind,
    status: tenant.status,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

export function tenantAdminJson(admin: TenantAdmin) {
  return { userId: admin.userId, email: admin.email, name: admin.name, role: admin.role, since: admin.since.toISOString() };
}
