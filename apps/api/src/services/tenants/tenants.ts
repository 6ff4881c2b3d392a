import { eq } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { tenants, type TenantKind } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { ensureBuiltInRoles } from "../organizations/roles";
import { ensureAdminOrganization } from "./admins";

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

/** The name people see: the branding's display name when set, the tenant's name otherwise. */
export function displayNameOf(tenant: { name: string; settings: { branding?: { displayName?: string } } }): string {
  const chosen = tenant.settings.branding?.displayName;
  const trimmed = typeof chosen === "string" ? chosen.trim().slice(0, 100) : "";
  return trimmed || tenant.name;
}
