import { tenantResponseSchema, updateTenantRequestSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseJsonBody } from "../../../../lib/validation";
import { getTenantBySlug, updateTenant } from "../../../../services/tenants/tenants";
import { tenantJson } from "../../../../services/tenants/wire";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ tenant: string }> };

/** One tenant by slug (`tenants:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { tenant: slug } = await params;
  const { db } = await managementRequest(request, "tenants:read");
  return json(tenantResponseSchema.parse({ tenant: tenantJson(await getTenantBySlug(db, slug)) }));
});

/** Renames or suspends a tenant (`tenants:write`); the platform tenant cannot be suspended. */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { tenant: slug } = await params;
  const { db, ctx } = await managementRequest(request, "tenants:write");
  const changes = await parseJsonBody(request, updateTenantRequestSchema);
  const tenant = await db.transaction((tx) => updateTenant(tx, ctx, { ...changes, slug }));
  return json(tenantResponseSchema.parse({ tenant: tenantJson(tenant) }));
});
