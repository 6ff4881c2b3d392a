import { invitationAnswerRequestSchema } from "@plinto/contracts";
import type { z } from "zod";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import type { acceptInvitation, declineInvitation } from "../../../../../../services/organizations/invitations";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

/**
 * The signed-in user's answer to an invitation to their own confirmed address, with the link's
 * token or the invitation's id: the route of `accept` and of `decline`, which differ only in the answer.
 */
export function invitationAnswerRoute<S extends z.ZodType>(answer: typeof acceptInvitation | typeof declineInvitation, schema: S) {
  return route(async (request: Request, { params }: TenantRouteContext) => {
    const { tenant } = await params;
    const runtime = await getRuntime();
    const caller = await callerSession(runtime, tenant, request);
    if (!caller) return unauthorizedResponse();
    const which = await parseJsonBody(request, invitationAnswerRequestSchema);
    const ctx = requestContext(request, { type: "user", id: caller.user.id });
    const result = await answer(runtime.database.db, runtime, ctx, { tenantId: caller.tenant.id, user: caller.user, which });
    return respond(schema, result as z.input<S>);
  });
}
