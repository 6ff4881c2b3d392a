import { z } from "zod";

/**
 * What a management credential may do. An API key carries scopes from this list; an admin's role
 * in a tenant carries permissions with the same keys. Each management route names the one it needs.
 * `tenants:*` mean something only in the platform tenant: they manage the other tenants.
 */
export const MANAGEMENT_SCOPES = [
  "users:read",
  "users:write",
  "users:impersonate",
  "organizations:read",
  "organizations:write",
  "applications:read",
  "applications:write",
  "api_keys:read",
  "api_keys:write",
  "signing_keys:read",
  "signing_keys:write",
  "settings:read",
  "settings:write",
  "tenants:read",
  "tenants:write",
  "billing:read",
  "billing:write",
  "analytics:read",
  "audit:read",
] as const;
export type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];
export const managementScopeSchema = z.enum(MANAGEMENT_SCOPES);

const readScopes = MANAGEMENT_SCOPES.filter((s) => s.endsWith(":read"));

/**
 * The roles a platform-tenant user can hold in a tenant they administer, and what each may do.
 * owner and admin differ in who may change the tenant's admins (owners only).
 */
export const ADMIN_ROLES = {
  owner: [...MANAGEMENT_SCOPES],
  admin: [...MANAGEMENT_SCOPES],
  developer: [
    ...readScopes,
    "applications:write",
    "api_keys:write",
    "signing_keys:write",
  ],
  support: [...readScopes.filter((s) => s !== "tenants:read"), "users:write", "users:impersonate"],
  viewer: readScopes,
} as const satisfies Record<string, readonly ManagementScope[]>;
export type AdminRole = keyof typeof ADMIN_ROLES;
export const ADMIN_ROLE_KEYS = Object.keys(ADMIN_ROLES) as AdminRole[];

/** With an admin access token, names the tenant (by slug) the request manages. */
export const MANAGED_TENANT_HEADER = "plinto-tenant";

/** Cursor pagination for management lists: pass `nextCursor` back as `cursor` until it is null. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export const nextCursorSchema = z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page");
