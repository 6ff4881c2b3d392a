import { deletionScheduledResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { scheduleAccountDeletion } from "../../../../../../../services/account/deletion";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** Schedules the caller's account for deletion after the tenant's grace period (a recent sign-in). */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const scheduled = await scheduleAccountDeletion(runtime.database.db, runtime, ctx, { tenant: caller.tenant, userId: caller.user.id, session: caller.session });
  return respond(deletionScheduledResponseSchema, { status: scheduled.status, scheduledFor: scheduled.scheduledFor.toISOString() }, { status: 202 });
});
