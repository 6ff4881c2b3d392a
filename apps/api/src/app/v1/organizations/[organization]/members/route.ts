import { addMemberRequestSchema, memberListResponseSchema, memberResponseSchema, pageQuerySchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { parseJsonBody, parseWith } from "../../../../../lib/validation";
import { addMember, listMembers } from "../../../../../services/organizations/organizations";
import { memberJson } from "../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string }> };

/** The organization's members, a page at a time (`organizations:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller } = await managementRequest(request, "organizations:read");
  const query = parseWith(pageQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const page = await listMembers(db, caller.tenantId, organizationId, query);
  return json(memberListResponseSchema.parse({ members: page.members.map(memberJson), nextCursor: page.nextCursor }));
});

/** Adds one of the tenant's users with a role, by key (`organizations:write`). */
export const POST = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const input = await parseJsonBody(request, addMemberRequestSchema);
  const member = await db.transaction((tx) => addMember(tx, ctx, { ...input, tenantId: caller.tenantId, organizationId }));
  return json(memberResponseSchema.parse({ member: memberJson(member) }), { status: 201 });
});
