import { unreadCountResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { unreadCount } from "../../../../../../../services/notifications/notifications";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** How many of the caller's notifications are unread. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  return respond(unreadCountResponseSchema, { unreadCount: await unreadCount(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id }) });
});
