import { completeMfaChallengeRequestSchema, signedInResultSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { completeMfaChallenge } from "../../../../../../../services/mfa/sign-in";
import { cookieFor, signedInBody } from "../../_mfa";
import { respond, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Completes a sign-in answered `mfa_required` with a code; the answer and cookie are a sign-in's.
 * A wrong code is 400 invalid_verification; a pending sign-in that expired, was completed or had
 * five wrong codes is 401 (sign in again).
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, completeMfaChallengeRequestSchema);
  const runtime = await getRuntime();
  const result = await completeMfaChallenge(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(signedInResultSchema, signedInBody(result), { headers: { "set-cookie": cookieFor(runtime, tenant, result) } });
});
