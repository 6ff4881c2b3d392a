import { emailChangeStartedResponseSchema, profileResponseSchema, startEmailChangeRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { cancelEmailChange, startEmailChange } from "../../../../../../services/account/email-change";
import { accountProfile } from "../../../../../../services/account/profile";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Asks to move the caller's account to another address (a sign-in within 5 minutes). */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const { email } = await parseJsonBody(request, startEmailChangeRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const started = await startEmailChange(runtime.database.db, runtime, ctx, { tenant: caller.tenant, userId: caller.user.id, session: caller.session, email });
  return respond(emailChangeStartedResponseSchema, { ...started, expiresAt: started.expiresAt.toISOString() }, { status: 202 });
});

/** Drops the caller's address change waiting for confirmation. */
export const DELETE = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  await runtime.database.db.transaction((tx) => cancelEmailChange(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id }));
  return respond(profileResponseSchema, { profile: await accountProfile(runtime.database.db, caller.tenant.id, caller.user.id) });
});
