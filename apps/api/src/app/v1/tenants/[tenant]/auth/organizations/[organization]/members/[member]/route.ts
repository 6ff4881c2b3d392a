import { memberResponseSchema, updateMemberRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../../lib/request";
import { route } from "../../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../../../lib/validation";
import { changeOwnOrganizationMemberRole } from "../../../../../../../../../services/account/organizations";
import { memberJson } from "../../../../../../../organizations/serialize";
import { callerSession, respond, unauthorizedResponse } from "../../../../_shared";

export const dynamic = "force-dynamic";

/** Changes a member's role in one of the caller's organizations, as far as the caller's role allows. */
export const PATCH = route(async (request: Request, { params }: { params: Promise<{ tenant: string; organization: string; member: string }> }) => {
  const { tenant, organization, member } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const { role } = await parseJsonBody(request, updateMemberRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const updated = await runtime.database.db.transaction((tx) =>
    changeOwnOrganizationMemberRole(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id }, { organizationId: organization, memberUserId: member, role }),
  );
  return respond(memberResponseSchema, { member: memberJson(updated) });
});
