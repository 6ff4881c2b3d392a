import { eq } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { tenants, type TenantKind, type TenantStatus } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { ensureBuiltInRoles } from "../organizations/roles";
import { API_KEY_SCOPES, createApiKeyAs, type ApiKeyScope } from "../api-keys/api-keys";
import { keyset, pageOf } from "../pagination";
import { ensureAdminOrganization, setTenantAdmin } from "./admins";

/** Tenant slugs appear in issuer URLs (`/t/{slug}`): lowercase letters, digits and inner hyphens. */
export const TENANT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export interface NewTenant {
  slug: string;
  name: string;
  kind?: TenantKind;
}

export async function createTenant(tx: Executor, ctx: RequestContext, input: NewTenant) {
  if (!TENANT_SLUG.test(input.slug)) {
    throw new ServiceError("validation_failed", "A tenant slug is 1–48 lowercase letters, digits or inner hyphens", [
      { path: "slug", message: "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit" },
    ]);
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new ServiceError("validation_failed", "A tenant name is 1–100 characters", [
      { path: "name", message: "Give the tenant a name of 1–100 characters" },
    ]);
  }
  if (await findTenantBySlug(tx, input.slug)) {
    throw new ServiceError("conflict", `A tenant with the slug "${input.slug}" already exists`);
  }
  const [tenant] = await tx
    .insert(tenants)
    .values({ slug: input.slug, name, kind: input.kind ?? "customer" })
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: tenant!.id,
    action: "tenant.created",
    targetType: "tenant",
    targetId: tenant!.id,
    data: { slug: tenant!.slug, kind: tenant!.kind },
  });
  await ensureBuiltInRoles(tx, tenant!);
  await ensureAdminOrganization(tx, tenant!);
  return tenant!;
}

export async function findTenantBySlug(db: Executor, slug: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant;
}

export async function findTenantById(db: Executor, tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  return tenant;
}

/** The name people see: the branding's display name when set, the tenant's name otherwise. */
export function displayNameOf(tenant: { name: string; settings: { branding?: { displayName?: string } } }): string {
  const chosen = tenant.settings.branding?.displayName;
  const trimmed = typeof chosen === "string" ? chosen.trim().slice(0, 100) : "";
  return trimmed || tenant.name;
}

export type Tenant = typeof tenants.$inferSelect;

/**
 * A tenant made through the management API by a platform operator. An admin who creates one
 * becomes its owner, so it is never left without someone who can manage it. `initialApiKey` makes
 * the tenant's first management key in the same transaction (its secret is returned once): how
 * automation provisions a tenant and then configures it with the tenant's own credential.
 */
export async function createTenantAs(
  tx: Executor,
  ctx: RequestContext,
  input: {
    slug: string;
    name: string;
    initialApiKey?: { name: string; scopes: ApiKeyScope[]; expiresAt?: string | undefined; expiresInDays?: number | undefined } | undefined;
  },
) {
  const tenant = await createTenant(tx, ctx, { slug: input.slug, name: input.name, kind: "customer" });
  if (ctx.actor.type === "admin" && ctx.actor.id) {
    await setTenantAdmin(tx, ctx, { tenant, userId: ctx.actor.id, role: "owner" });
  }
  const key = input.initialApiKey;
  const apiKey = key
    ? await createApiKeyAs(tx, ctx, {
        tenantId: tenant.id,
        // The operator creating the tenant may give its key anything a customer tenant's key can hold.
        callerScopes: API_KEY_SCOPES.filter((s) => !s.startsWith("tenants:")),
        name: key.name,
        scopes: key.scopes,
        expiresAt: key.expiresAt ? new Date(key.expiresAt) : undefined,
        expiresInDays: key.expiresInDays,
      })
    : undefined;
  return { tenant, apiKey };
}

/** Every tenant, newest first, a page at a time. */
export async function listTenants(db: Executor, input: { limit: number; cursor?: string | undefined }) {
  const { orderBy, after } = keyset(tenants, "desc", input.cursor);
  const rows = await db
    .select()
    .from(tenants)
    .where(after)
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  const { items, nextCursor } = pageOf(rows, input.limit);
  return { tenants: items, nextCursor };
}

/** The tenant with this slug, or not_found. */
export async function getTenantBySlug(db: Executor, slug: string): Promise<Tenant> {
  const tenant = TENANT_SLUG.test(slug) ? await findTenantBySlug(db, slug) : undefined;
  if (!tenant) throw new ServiceError("not_found", `No tenant is named "${slug}"`);
  return tenant;
}

/** Renames or suspends a tenant. The platform tenant stays active: suspending it locks everyone out. */
export async function updateTenant(
  tx: Executor,
  ctx: RequestContext,
  input: { slug: string; name?: string | undefined; status?: TenantStatus | undefined },
) {
  const tenant = await getTenantBySlug(tx, input.slug);
  const set: Partial<typeof tenants.$inferInsert> = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) {
      throw new ServiceError("validation_failed", "A tenant name is 1–100 characters", [{ path: "name", message: "Give the tenant a name of 1–100 characters" }]);
    }
    if (name !== tenant.name) set.name = name;
  }
  if (input.status !== undefined && input.status !== tenant.status) {
    if (tenant.kind === "platform" && input.status === "suspended") {
      throw new ServiceError("conflict", "The platform tenant cannot be suspended: nobody could sign in to undo it");
    }
    set.status = input.status;
  }
  if (Object.keys(set).length === 0) return tenant;
  const [updated] = await tx.update(tenants).set(set).where(eq(tenants.id, tenant.id)).returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: tenant.id,
    action: set.status ? `tenant.${set.status === "suspended" ? "suspended" : "reactivated"}` : "tenant.updated",
    targetType: "tenant",
    targetId: tenant.id,
    data: { fields: Object.keys(set) },
  });
  return updated!;
}
