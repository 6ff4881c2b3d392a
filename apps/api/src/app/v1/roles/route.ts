import { createRoleRequestSchema, roleListResponseSchema, roleResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody } from "../../../lib/validation";
import { createRole, listRoles } from "../../../services/organizations/roles";
import { roleJson } from "../organizations/serialize";

export const dynamic = "force-dynamic";

/** The tenant's organization roles with their permissions (`organizations:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "organizations:read");
  const roles = await listRoles(db, caller.tenantId);
  return json(roleListResponseSchema.parse({ roles: roles.map(roleJson) }));
});

/** Creates a custom role from the tenant's permissions (`organizations:write`). */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const input = await parseJsonBody(request, createRoleRequestSchema);
  const role = await db.transaction((tx) => createRole(tx, ctx, { ...input, tenantId: caller.tenantId }));
  return json(roleResponseSchema.parse({ role: roleJson(role) }), { status: 201 });
});
