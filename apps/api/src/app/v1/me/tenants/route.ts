import { myTenantsResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { route } from "../../../../lib/route";
import { getRuntime } from "../../../../lib/runtime";
import { myTenants } from "../../../../services/management/me";

export const dynamic = "force-dynamic";

/** The tenants the signed-in admin administers, with their roles: the dashboard's tenant switcher. */
export const GET = route(async (request: Request) => {
  const runtime = await getRuntime();
  const tenants = await myTenants(runtime.database.db, { publicUrl: runtime.config.publicUrl, headers: request.headers });
  return json(myTenantsResponseSchema.parse({ tenants }));
});
