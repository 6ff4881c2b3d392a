import { ADMIN_ROLES, type AdminRole, type ManagementScope } from "@plinto/contracts";
import { cookies } from "next/headers";
import type { PlintoClient } from "@plinto/sdk";
import { managementApi } from "./api";

/** The cookie that remembers which tenant the admin is working on (a slug; not a secret). */
export const TENANT_COOKIE = "plinto-admin.tenant";

export interface TenantContext {
  /** The management API for the chosen tenant, as the signed-in admin. */
  api: PlintoClient;
  tenant: { slug: string; name: string; kind: "platform" | "customer"; role: AdminRole };
  tenants: Array<{ slug: string; name: string; kind: "platform" | "customer"; role: AdminRole }>;
  /** Whether the admin's role allows `scope` here. The API checks again on every request. */
  can(scope: ManagementScope): boolean;
}

/**
 * The tenant the signed-in admin works on: the one the switcher chose while they still administer
 * it, else their first customer tenant, else the platform tenant. Null when nobody is signed in or
 * they administer no tenant. Role and tenant list come from the API at every request, so a change
 * of role shows at once.
 */
export async function tenantContext(): Promise<TenantContext | null> {
  const home = await managementApi();
  if (!home) return null;
  const tenants = await home.tenants.mine();
  if (tenants.length === 0) return null;
  const chosen = (await cookies()).get(TENANT_COOKIE)?.value;
  const tenant = tenants.find((t) => t.slug === chosen) ?? tenants.find((t) => t.kind === "customer") ?? tenants[0]!;
  const api = (await managementApi(tenant.slug))!;
  const allowed = new Set<string>(ADMIN_ROLES[tenant.role]);
  return { api, tenant, tenants, can: (scope) => allowed.has(scope) };
}
