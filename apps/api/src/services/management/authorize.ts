import { MANAGED_TENANT_HEADER, type ManagementScope } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import type { TenantKind } from "@plinto/db/schema";
import { authenticateApiKey } from "../api-keys/api-keys";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { verifyApiAccessToken } from "../oidc/api-access-token";
import { adminScopes, platformTenant } from "../tenants/admins";
import { findTenantBySlug, TENANT_SLUG } from "../tenants/tenants";
import { findUserById } from "../users/users";

/** Who is calling the management API, for which tenant, allowed what. */
export interface ManagementCaller {
  tenantId: string;
  tenantKind: TenantKind;
  scopes: ManagementScope[];
  actor: RequestContext["actor"];
}

export const API_KEY_SHAPE = /^plinto_sk_/;

/**
 * Authenticates a management request and checks it may do `scope`:
 * - an API key (`plinto_sk_…`) acts in its own tenant with its own scopes;
 * - an admin's access token (RFC 9068 JWT from the platform tenant for the `{API_URL}/v1` resource,
 *   issued to a first-party application) acts in the tenant the `Plinto-Tenant` header names
 *   (default: the platform tenant) with the permissions of their admin role there, read now.
 * 401 when the credential is missing or invalid; 403 when it is valid but may not do `scope` here.
 * A tenant the admin does not administer answers like one that does not exist to them: 403.
 */
export async function authorizeManagement(
  db: Executor,
  input: { publicUrl: string; headers: Headers; scope: ManagementScope; now?: Date },
): Promise<ManagementCaller> {
  const presented = presentedCredential(input.headers);
  const caller = API_KEY_SHAPE.test(presented)
    ? await apiKeyCaller(db, presented, input.now)
    : await adminCaller(db, presented, input);
  if (!caller.scopes.includes(input.scope)) {
    throw new ServiceError("forbidden", `This credential lacks ${input.scope} in this tenant`);
  }
  return caller;
}

/** The Bearer credential of a management request, or 401. */
export function presentedCredential(headers: Headers): string {
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (!presented) throw new ServiceError("unauthorized", "Send an API key or an admin access token as a Bearer token");
  return presented;
}

async function apiKeyCaller(db: Executor, presented: string, now: Date | undefined): Promise<ManagementCaller> {
  const key = await authenticateApiKey(db, presented, now);
  if (!key) throw new ServiceError("unauthorized", "This API key is not valid, or was revoked or expired");
  if (key.tenantStatus !== "active") throw suspended();
  return {
    tenantId: key.tenantId,
    tenantKind: key.tenantKind,
    // tenants:* manage other tenants: only a platform tenant's key can hold them.
    scopes: (key.scopes as ManagementScope[]).filter((s) => key.tenantKind === "platform" || !s.startsWith("tenants:")),
    actor: { type: "api_key", id: key.apiKeyId },
  };
}

async function adminCaller(
  db: Executor,
  token: string,
  input: { publicUrl: string; headers: Headers; now?: Date },
): Promise<ManagementCaller> {
  const { platform, user } = await authenticateAdmin(db, token, input);
  const slug = input.headers.get(MANAGED_TENANT_HEADER)?.trim() || platform.slug;
  const tenant = TENANT_SLUG.test(slug) ? await findTenantBySlug(db, slug) : undefined;
  const scopes = tenant ? await adminScopes(db, { userId: user.id, tenantId: tenant.id }) : [];
  if (!tenant || scopes.length === 0) throw new ServiceError("forbidden", `You do not administer the tenant named in ${MANAGED_TENANT_HEADER}`);
  if (tenant.status !== "active") throw suspended();
  return { tenantId: tenant.id, tenantKind: tenant.kind, scopes, actor: { type: "admin", id: user.id } };
}

/**
 * The platform user an admin access token speaks for (401 when the token is not valid for the
 * management API or its user cannot sign in). Which tenants they may manage is the caller's question.
 */
export async function authenticateAdmin(db: Executor, token: string, input: { publicUrl: string; now?: Date | undefined }) {
  const platform = await platformTenant(db);
  const claims = await verifyApiAccessToken(db, token, { tenant: platform, publicUrl: input.publicUrl, now: input.now, purpose: "the management API" });
  const user = await findUserById(db, platform.id, claims.sub);
  if (!user || user.status !== "active") throw new ServiceError("unauthorized", "This access token's user cannot sign in any more");
  return { platform, user };
}

/** A suspended tenant is managed only from the platform tenant (`PATCH /v1/tenants/{tenant}` lifts it). */
const suspended = () => new ServiceError("forbidden", "This tenant is suspended; a platform operator can lift the suspension");
