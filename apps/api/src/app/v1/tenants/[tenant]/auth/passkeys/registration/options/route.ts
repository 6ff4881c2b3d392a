import { passkeyRegistrationOptionsSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { startPasskeyRegistration } from "../../../../../../../../services/passkeys/passkeys";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/**
 * Starts adding a passkey to the caller's account: the options for `navigator.credentials.create()`
 * (`startRegistration({ optionsJSON })`). Needs a sign-in within the last 5 minutes. No body.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const options = await startPasskeyRegistration(runtime.database.db, runtime, requestContext(request, { type: "user", id: caller.user.id }), {
    tenantId: caller.tenant.id,
    userId: caller.user.id,
    session: caller.session,
  });
  return respond(passkeyRegistrationOptionsSchema, options);
});
