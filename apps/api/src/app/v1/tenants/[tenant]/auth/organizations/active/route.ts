import { switchOrganizationRequestSchema, switchOrganizationResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { switchOrganization } from "../../../../../../../services/organizations/active";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Makes the caller's session act in one of their organizations (null clears the choice). Tokens
 * refreshed under this session from now on carry it; one the caller is not in is not_found.
 */
export const PUT = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const input = await parseJsonBody(request, switchOrganizationRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const active = await runtime.database.db.transaction((tx) =>
    switchOrganization(tx, ctx, {
      tenantId: caller.tenant.id,
      sessionId: caller.session.id,
      userId: caller.user.id,
      organizationId: input.organizationId,
    }),
  );
  return respond(switchOrganizationResponseSchema, { active: active ?? null });
});
