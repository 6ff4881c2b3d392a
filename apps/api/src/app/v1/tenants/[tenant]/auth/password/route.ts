import { changePasswordRequestSchema, passwordChangedResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { changePassword } from "../../../../../../services/account/password";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The signed-in user chooses a new password (the current one, or a recent sign-in, proves it is them). */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const input = await parseJsonBody(request, changePasswordRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const changed = await changePassword(runtime.database.db, runtime, ctx, { tenant: caller.tenant, userId: caller.user.id, session: caller.session, ...input });
  return respond(passwordChangedResponseSchema, changed);
});
