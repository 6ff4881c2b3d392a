import { passkeyStepUpRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { completePasskeyStepUp } from "../../../../../../../services/passkeys/second-factor";
import { steppedUpResponse } from "../../_mfa";
import { presentedSessionToken, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** Raises the caller's session with one of their passkeys, as `POST mfa/step-up` does with a code. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const sessionToken = presentedSessionToken(request);
  if (!sessionToken) return unauthorizedResponse();
  const { credential } = await parseJsonBody(request, passkeyStepUpRequestSchema);
  const runtime = await getRuntime();
  const raised = await completePasskeyStepUp(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, sessionToken, response: credential });
  return steppedUpResponse(runtime, tenant, raised);
});
