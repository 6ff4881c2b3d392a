import { passkeyAuthenticationOptionsSchema, passkeySecondFactorOptionsRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../../lib/validation";
import { startPasskeySecondFactor } from "../../../../../../../../services/passkeys/second-factor";
import { respond, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/**
 * Starts completing a sign-in answered `mfa_required` with a passkey: options listing that user's
 * passkeys. A pending sign-in that is gone (or offers no passkey) is 401: sign in again.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const { challengeToken } = await parseJsonBody(request, passkeySecondFactorOptionsRequestSchema);
  const runtime = await getRuntime();
  const options = await startPasskeySecondFactor(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, challengeToken });
  return respond(passkeyAuthenticationOptionsSchema, options);
});
