import { userOrganizationListResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { organizationsOfUser } from "../../../../../services/organizations/organizations";
import type { UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** The organizations the user belongs to, with their role in each (`organizations:read`). */
export const GET = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller } = await managementRequest(request, "organizations:read");
  const rows = await organizationsOfUser(db, caller.tenantId, userId);
  return json(userOrganizationListResponseSchema.parse({ organizations: rows.map((o) => ({ ...o, joinedAt: o.joinedAt.toISOString() })) }));
});
