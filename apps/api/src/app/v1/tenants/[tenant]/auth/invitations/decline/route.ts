import { invitationDeclinedResponseSchema, invitationTokenRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { declineInvitation } from "../../../../../../../services/organizations/invitations";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** The signed-in user's answer to an invitation to their own confirmed address, with the link's token. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const { token } = await parseJsonBody(request, invitationTokenRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const result = await declineInvitation(runtime.database.db, runtime, ctx, {
    tenantId: caller.tenant.id,
    user: caller.user,
    token,
  });
  return respond(invitationDeclinedResponseSchema, result);
});
