import { tenantAdminListResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { listTenantAdmins } from "../../../../../services/tenants/admins";
import { getTenantBySlug } from "../../../../../services/tenants/tenants";
import { tenantAdminJson } from "../../../../../services/tenants/wire";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ tenant: string }> };

/** Who administers the tenant, with their roles (`tenants:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { tenant: slug } = await params;
  const { db } = await managementRequest(request, "tenants:read");
  const tenant = await getTenantBySlug(db, slug);
  return json(tenantAdminListResponseSchema.parse({ admins: (await listTenantAdmins(db, tenant.id)).map(tenantAdminJson) }));
});
