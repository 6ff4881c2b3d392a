import { pendingInvitationListResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { pendingInvitationsFor } from "../../../../../../services/organizations/invitations";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The invitations waiting for the caller's answer (to their confirmed address), newest first. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const pending = await pendingInvitationsFor(runtime.database.db, caller.tenant.id, caller.user);
  return respond(pendingInvitationListResponseSchema, {
    invitations: pending.map((invitation) => ({
      id: invitation.id,
      organization: { id: invitation.organizationId, name: invitation.organizationName },
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      createdAt: invitation.createdAt.toISOString(),
    })),
  });
});
