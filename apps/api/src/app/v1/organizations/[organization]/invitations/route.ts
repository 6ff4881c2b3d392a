import { createInvitationRequestSchema, invitationListResponseSchema, invitationResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { parseJsonBody } from "../../../../../lib/validation";
import { createInvitation, listInvitations } from "../../../../../services/organizations/invitations";
import { invitationJson } from "../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string }> };

/** The organization's invitations with their status, expired ones included (`organizations:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller } = await managementRequest(request, "organizations:read");
  const invitations = await listInvitations(db, caller.tenantId, organizationId);
  const now = new Date();
  return json(invitationListResponseSchema.parse({ invitations: invitations.map((i) => invitationJson(i, now)) }));
});

/** Invites an address with a role and mails the link (`organizations:write`). */
export const POST = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller, ctx, runtime } = await managementRequest(request, "organizations:write");
  const input = await parseJsonBody(request, createInvitationRequestSchema);
  const invitation = await createInvitation(db, runtime, ctx, { ...input, tenantId: caller.tenantId, organizationId });
  return json(invitationResponseSchema.parse({ invitation: invitationJson(invitation) }), { status: 201 });
});
