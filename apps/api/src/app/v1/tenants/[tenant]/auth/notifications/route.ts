import { notificationListQuerySchema, notificationListResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseWith } from "../../../../../../lib/validation";
import { listNotifications, notificationBody, unreadCount } from "../../../../../../services/notifications/notifications";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The caller's notifications, newest first, a page at a time, with the unread count. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const query = parseWith(notificationListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const who = { tenantId: caller.tenant.id, userId: caller.user.id };
  const { db } = runtime.database;
  const page = await listNotifications(db, { ...who, ...query });
  return respond(notificationListResponseSchema, {
    notifications: page.items.map(notificationBody),
    nextCursor: page.nextCursor,
    unreadCount: await unreadCount(db, who),
  });
});
