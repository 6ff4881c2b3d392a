import { roleResponseSchema, updateRoleRequestSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseJsonBody } from "../../../../lib/validation";
import { deleteRole, getRole, updateRole } from "../../../../services/organizations/roles";
import { pathSegment, roleJson } from "../../organizations/serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ role: string }> };

/** One role, by id or key (`organizations:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { role: idOrKey } = await params;
  const { db, caller } = await managementRequest(request, "organizations:read");
  const role = await getRole(db, caller.tenantId, pathSegment(idOrKey));
  return json(roleResponseSchema.parse({ role: roleJson(role) }));
});

/** Changes a custom role; built-in ones are read-only (`organizations:write`). */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { role: idOrKey } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const changes = await parseJsonBody(request, updateRoleRequestSchema);
  const role = await db.transaction((tx) => updateRole(tx, ctx, { ...changes, tenantId: caller.tenantId, role: pathSegment(idOrKey) }));
  return json(roleResponseSchema.parse({ role: roleJson(role) }));
});

/** Deletes a custom role nobody holds or is invited with (`organizations:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { role: idOrKey } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  await db.transaction((tx) => deleteRole(tx, ctx, { tenantId: caller.tenantId, role: pathSegment(idOrKey) }));
  return noContent();
});
