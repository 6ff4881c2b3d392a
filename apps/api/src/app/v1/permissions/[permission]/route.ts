import { noContent } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { deletePermission } from "../../../../services/organizations/roles";
import { pathSegment } from "../../organizations/serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ permission: string }> };

/** Deletes a custom permission by id or key; built-in ones stay (`organizations:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { permission } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  await db.transaction((tx) => deletePermission(tx, ctx, { tenantId: caller.tenantId, permission: pathSegment(permission) }));
  return noContent();
});
