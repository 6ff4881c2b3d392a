import { setTenantAdminRequestSchema, tenantAdminResponseSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../../../lib/http";
import { managementRequest } from "../../../../../../lib/management";
import { route } from "../../../../../../lib/route";
import { parseJsonBody } from "../../../../../../lib/validation";
import { assertMayChangeAdmins, getTenantAdmin, removeTenantAdmin, setTenantAdmin } from "../../../../../../services/tenants/admins";
import { getTenantBySlug } from "../../../../../../services/tenants/tenants";
import { tenantAdminJson } from "../../../../../../services/tenants/wire";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ tenant: string; user: string }> };

/** Makes a platform user an admin of the tenant with a role, or changes it (`tenants:write`, owners). */
export const PUT = route(async (request: Request, { params }: Params) => {
  const { tenant: slug, user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "tenants:write");
  const { role } = await parseJsonBody(request, setTenantAdminRequestSchema);
  const admin = await db.transaction(async (tx) => {
    await assertMayChangeAdmins(tx, caller);
    const tenant = await getTenantBySlug(tx, slug);
    await setTenantAdmin(tx, ctx, { tenant, userId, role });
    return getTenantAdmin(tx, tenant.id, userId);
  });
  return json(tenantAdminResponseSchema.parse({ admin: tenantAdminJson(admin) }));
});

/** Stops the user administering the tenant; never its last owner (`tenants:write`, owners). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { tenant: slug, user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "tenants:write");
  await db.transaction(async (tx) => {
    await assertMayChangeAdmins(tx, caller);
    await removeTenantAdmin(tx, ctx, { tenant: await getTenantBySlug(tx, slug), userId });
  });
  return noContent();
});
