import { memberListResponseSchema, pageQuerySchema } from "@plinto/contracts";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { parseWith } from "../../../../../../../../lib/validation";
import { listOwnOrganizationMembers } from "../../../../../../../../services/account/organizations";
import { memberJson } from "../../../../../../organizations/serialize";
import { callerSession, respond, unauthorizedResponse } from "../../../_shared";

export const dynamic = "force-dynamic";

/** The members of one of the caller's organizations (their role must let them read members). */
export const GET = route(async (request: Request, { params }: { params: Promise<{ tenant: string; organization: string }> }) => {
  const { tenant, organization } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const page = parseWith(pageQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const { members, nextCursor } = await listOwnOrganizationMembers(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id }, organization, page);
  return respond(memberListResponseSchema, { members: members.map(memberJson), nextCursor });
});
