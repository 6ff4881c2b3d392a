import { invitationResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../../../lib/http";
import { managementRequest } from "../../../../../../../lib/management";
import { route } from "../../../../../../../lib/route";
import { resendInvitation } from "../../../../../../../services/organizations/invitations";
import { invitationJson } from "../../../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string; invitation: string }> };

/** Mails a pending invitation again with a new link and expiry; the old link dies (`organizations:write`). */
export const POST = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, invitation: invitationId } = await params;
  const { db, caller, ctx, runtime } = await managementRequest(request, "organizations:write");
  const invitation = await resendInvitation(db, runtime, ctx, { tenantId: caller.tenantId, organizationId, invitationId });
  return json(invitationResponseSchema.parse({ invitation: invitationJson(invitation) }));
});
