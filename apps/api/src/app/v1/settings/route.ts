import { tenantSettingsResponseSchema, updateTenantSettingsRequestSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody } from "../../../lib/validation";
import { getTenantSettings, updateTenantSettings } from "../../../services/settings/settings";

export const dynamic = "force-dynamic";

/** The tenant's settings (`settings:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "settings:read");
  return json(tenantSettingsResponseSchema.parse({ settings: await getTenantSettings(db, caller.tenantId) }));
});

/** Deep-merges the change into the settings; null clears a field (`settings:write`). */
export const PATCH = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "settings:write");
  const change = await parseJsonBody(request, updateTenantSettingsRequestSchema);
  const settings = await db.transaction((tx) => updateTenantSettings(tx, ctx, { tenantId: caller.tenantId, change }));
  return json(tenantSettingsResponseSchema.parse({ settings }));
});
