import { createInvitationRequestSchema, invitationResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../../lib/validation";
import { inviteToOwnOrganization } from "../../../../../../../../services/account/organizations";
import { invitationJson } from "../../../../../../organizations/serialize";
import { callerSession, respond, unauthorizedResponse } from "../../../_shared";

export const dynamic = "force-dynamic";

/** Invites someone to one of the caller's organizations (their role must let them invite). */
export const POST = route(async (request: Request, { params }: { params: Promise<{ tenant: string; organization: string }> }) => {
  const { tenant, organization } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const input = await parseJsonBody(request, createInvitationRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const invitation = await inviteToOwnOrganization(runtime.database.db, runtime, ctx, { tenantId: caller.tenant.id, userId: caller.user.id }, { organizationId: organization, ...input });
  return respond(invitationResponseSchema, { invitation: invitationJson(invitation) }, { status: 201 });
});
