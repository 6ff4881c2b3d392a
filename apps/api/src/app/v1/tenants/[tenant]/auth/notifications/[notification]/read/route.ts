import { notificationIdSchema, notificationResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { ServiceError } from "../../../../../../../../services/errors";
import { markNotificationRead, notificationBody } from "../../../../../../../../services/notifications/notifications";
import { callerSession, respond, unauthorizedResponse } from "../../../_shared";

export const dynamic = "force-dynamic";

/** Marks one of the caller's notifications read; anyone else's is not_found. */
export const POST = route(async (request: Request, { params }: { params: Promise<{ tenant: string; notification: string }> }) => {
  const { tenant, notification } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  if (!notificationIdSchema.safeParse(notification).success) throw new ServiceError("not_found", "No such notification");
  const row = await runtime.database.db.transaction((tx) =>
    markNotificationRead(tx, { tenantId: caller.tenant.id, userId: caller.user.id, notificationId: notification }),
  );
  return respond(notificationResponseSchema, { notification: notificationBody(row) });
});
