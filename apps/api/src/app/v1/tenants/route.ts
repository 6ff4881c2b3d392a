import { createTenantRequestSchema, tenantCreatedResponseSchema, tenantListQuerySchema, tenantListResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody, parseWith } from "../../../lib/validation";
import { createTenantAs, listTenants } from "../../../services/tenants/tenants";
import { tenantJson } from "../../../services/tenants/wire";
import { apiKeyJson } from "../api-keys/serialize";

export const dynamic = "force-dynamic";

/** Every tenant, a page at a time (`tenants:read`, platform credentials only). */
export const GET = route(async (request: Request) => {
  const { db } = await managementRequest(request, "tenants:read");
  const query = parseWith(tenantListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const page = await listTenants(db, query);
  return json(tenantListResponseSchema.parse({ tenants: page.tenants.map(tenantJson), nextCursor: page.nextCursor }));
});

/** Creates a customer tenant, and its first key when asked; an admin caller becomes its owner (`tenants:write`). */
export const POST = route(async (request: Request) => {
  const { db, ctx } = await managementRequest(request, "tenants:write");
  const input = await parseJsonBody(request, createTenantRequestSchema);
  const created = await db.transaction((tx) => createTenantAs(tx, ctx, input));
  const body = {
    tenant: tenantJson(created.tenant),
    ...(created.apiKey ? { apiKey: { apiKey: apiKeyJson(created.apiKey.apiKey), secret: created.apiKey.secret } } : {}),
  };
  return json(tenantCreatedResponseSchema.parse(body), { status: 201 });
});
