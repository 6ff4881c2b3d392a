import { notificationsMarkedReadResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { markAllNotificationsRead } from "../../../../../../../services/notifications/notifications";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** Marks every unread notification of the caller read. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const markedRead = await runtime.database.db.transaction((tx) => markAllNotificationsRead(tx, { tenantId: caller.tenant.id, userId: caller.user.id }));
  return respond(notificationsMarkedReadResponseSchema, { markedRead });
});
