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

/** What the signed-in admin may do as a platform operator: their role in the platform tenant. */
export interface OperatorContext {
  /** The management API of the platform tenant, where `/v1/tenants` lives, as the signed-in admin. */
  api: PlintoClient;
  platform: { slug: string; name: string; role: AdminRole };
  /** The tenants they administer themselves, which they can open with the switcher. */
  administers: Set<string>;
  can(scope: ManagementScope): boolean;
  /** Only owners of the platform tenant change who administers a tenant (the API checks it too). */
  mayChangeAdmins: boolean;
}

/** The platform role of an admin, from their tenant list; undefined for someone who is no operator. */
export function platformRoleOf(tenants: TenantContext["tenants"]) {
  const platform = tenants.find((t) => t.kind === "platform");
  if (!platform || !(ADMIN_ROLES[platform.role] as readonly string[]).includes("tenants:read")) return undefined;
  return platform;
}

/**
 * The signed-in admin as a platform operator (an admin of the platform tenant holding
 * `tenants:read`), whichever tenant the switcher has chosen; null for anyone else. Tenant
 * administration always goes to the platform tenant's API: `tenants:*` mean nothing elsewhere.
 */
export async function operatorContext(): Promise<OperatorContext | null> {
  const home = await managementApi();
  if (!home) return null;
  const tenants = await home.tenants.mine();
  const platform = platformRoleOf(tenants);
  if (!platform) return null;
  const api = (await managementApi(platform.slug))!;
  const allowed = new Set<string>(ADMIN_ROLES[platform.role]);
  return {
    api,
    platform,
    administers: new Set(tenants.map((t) => t.slug)),
    can: (scope) => allowed.has(scope),
    mayChangeAdmins: platform.role === "owner",
  };
}
