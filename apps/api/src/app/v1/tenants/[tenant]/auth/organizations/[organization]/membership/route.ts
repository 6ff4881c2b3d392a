import { organizationLeftResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { leaveOrganization } from "../../../../../../../../services/account/organizations";
import { callerSession, respond, unauthorizedResponse } from "../../../_shared";

export const dynamic = "force-dynamic";

/** The caller leaves one of their organizations (not as its last owner). */
export const DELETE = route(async (request: Request, { params }: { params: Promise<{ tenant: string; organization: string }> }) => {
  const { tenant, organization } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  await runtime.database.db.transaction((tx) => leaveOrganization(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id }, organization));
  return respond(organizationLeftResponseSchema, { status: "left" });
});
