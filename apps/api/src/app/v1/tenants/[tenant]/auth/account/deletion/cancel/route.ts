import { cancelDeletionRequestSchema, deletionCancelledResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { cancelAccountDeletion } from "../../../../../../../../services/account/deletion";
import { requireTenant } from "../../../../../../../../services/auth/support";
import { optionalJsonBody } from "../../../_mfa";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/** Cancels a scheduled deletion: with the mailed link's token, or signed in. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const { token } = await optionalJsonBody(request, cancelDeletionRequestSchema);
  const { db } = runtime.database;
  if (token) {
    const found = await requireTenant(db, tenant);
    await cancelAccountDeletion(db, runtime, requestContext(request), { tenant: found, token });
  } else {
    const caller = await callerSession(runtime, tenant, request);
    if (!caller) return unauthorizedResponse();
    await cancelAccountDeletion(db, runtime, requestContext(request, { type: "user", id: caller.user.id }), { tenant: caller.tenant, userId: caller.user.id });
  }
  return respond(deletionCancelledResponseSchema, { status: "cancelled" });
});
