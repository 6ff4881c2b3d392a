import { passkeySecondFactorRequestSchema, signedInResultSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { completePasskeySecondFactor } from "../../../../../../../services/passkeys/second-factor";
import { cookieFor, signedInBody } from "../../_mfa";
import { respond, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Completes a sign-in answered `mfa_required` with a passkey's assertion; the answer and cookie
 * are a sign-in's (as `POST mfa/challenge`). A refused passkey is 401 invalid_passkey and counts
 * against the pending sign-in; one that is gone is 401 unauthorized.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const { challengeToken, credential } = await parseJsonBody(request, passkeySecondFactorRequestSchema);
  const runtime = await getRuntime();
  const result = await completePasskeySecondFactor(runtime.database.db, runtime, requestContext(request), {
    tenantSlug: tenant,
    challengeToken,
    response: credential,
  });
  return respond(signedInResultSchema, signedInBody(result), { headers: { "set-cookie": cookieFor(runtime, tenant, result) } });
});
