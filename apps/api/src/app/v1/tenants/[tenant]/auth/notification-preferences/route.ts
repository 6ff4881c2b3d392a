import { emailPreferencesResponseSchema, updateEmailPreferencesRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { getEmailPreferences, updateEmailPreferences } from "../../../../../../services/notifications/notifications";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Which categories of mail the caller gets. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  return respond(emailPreferencesResponseSchema, { preferences: await getEmailPreferences(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id }) });
});

/** Switches optional categories of mail; security notices stay on (asking to switch them off is refused). */
export const PATCH = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const change = await parseJsonBody(request, updateEmailPreferencesRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const preferences = await runtime.database.db.transaction((tx) => updateEmailPreferences(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id, change }));
  return respond(emailPreferencesResponseSchema, { preferences });
});
