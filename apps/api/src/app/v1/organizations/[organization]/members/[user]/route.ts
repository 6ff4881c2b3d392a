import { memberResponseSchema, updateMemberRequestSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../../../lib/http";
import { managementRequest } from "../../../../../../lib/management";
import { route } from "../../../../../../lib/route";
import { parseJsonBody } from "../../../../../../lib/validation";
import { removeMember, updateMember } from "../../../../../../services/organizations/organizations";
import { memberJson } from "../../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string; user: string }> };

/** Changes a member's role; the last owner cannot be demoted (`organizations:write`). */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const { role } = await parseJsonBody(request, updateMemberRequestSchema);
  const member = await db.transaction((tx) => updateMember(tx, ctx, { tenantId: caller.tenantId, organizationId, userId, role }));
  return json(memberResponseSchema.parse({ member: memberJson(member) }));
});

/** Removes a member; the last owner cannot be removed (`organizations:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  await db.transaction((tx) => removeMember(tx, ctx, { tenantId: caller.tenantId, organizationId, userId }));
  return noContent();
});
