import { noContent } from "../../../../../../lib/http";
import { managementRequest } from "../../../../../../lib/management";
import { route } from "../../../../../../lib/route";
import { revokeInvitation } from "../../../../../../services/organizations/invitations";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string; invitation: string }> };

/** Revokes a pending invitation; its link stops working (`organizations:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, invitation: invitationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  await db.transaction((tx) => revokeInvitation(tx, ctx, { tenantId: caller.tenantId, organizationId, invitationId }));
  return noContent();
});
