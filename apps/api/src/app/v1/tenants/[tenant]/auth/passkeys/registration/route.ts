import { passkeyRegisteredResponseSchema, registerPasskeyRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { finishPasskeyRegistration } from "../../../../../../../services/passkeys/passkeys";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";
import { passkeyJson } from "../serialize";

export const dynamic = "force-dynamic";

/**
 * Finishes adding a passkey: the credential `startRegistration()` resolved with, and a name. The
 * account's first second factor comes with ten recovery codes, in this answer only.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const input = await parseJsonBody(request, registerPasskeyRequestSchema);
  const added = await finishPasskeyRegistration(runtime.database.db, runtime, requestContext(request, { type: "user", id: caller.user.id }), {
    tenantId: caller.tenant.id,
    userId: caller.user.id,
    response: input.credential,
    name: input.name,
  });
  return respond(
    passkeyRegisteredResponseSchema,
    { passkey: passkeyJson(added.passkey), ...(added.recoveryCodes ? { recoveryCodes: added.recoveryCodes } : {}) },
    { status: 201 },
  );
});
