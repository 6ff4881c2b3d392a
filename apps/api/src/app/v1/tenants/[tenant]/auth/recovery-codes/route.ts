import { recoveryCodesResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { regenerateRecoveryCodes } from "../../../../../../services/mfa/manage";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Ten new recovery codes for the caller, shown once; the earlier ones stop working. Needs a recent sign-in. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const result = await regenerateRecoveryCodes(runtime.database.db, runtime, ctx, {
    tenantId: caller.tenant.id,
    userId: caller.user.id,
    session: caller.session,
  });
  return respond(recoveryCodesResponseSchema, result);
});
