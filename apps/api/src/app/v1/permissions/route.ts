import { createPermissionRequestSchema, permissionListResponseSchema, permissionResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody } from "../../../lib/validation";
import { createPermission, listPermissions } from "../../../services/organizations/roles";
import { permissionJson } from "../organizations/serialize";

export const dynamic = "force-dynamic";

/** The tenant's permissions (`organizations:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "organizations:read");
  const permissions = await listPermissions(db, caller.tenantId);
  return json(permissionListResponseSchema.parse({ permissions: permissions.map(permissionJson) }));
});

/** Creates a custom permission (`organizations:write`). */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const input = await parseJsonBody(request, createPermissionRequestSchema);
  const permission = await db.transaction((tx) => createPermission(tx, ctx, { ...input, tenantId: caller.tenantId }));
  return json(permissionResponseSchema.parse({ permission: permissionJson(permission) }), { status: 201 });
});
