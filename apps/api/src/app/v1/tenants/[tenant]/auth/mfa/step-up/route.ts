import { stepUpRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { stepUpSession } from "../../../../../../../services/mfa/sign-in";
import { steppedUpResponse } from "../../_mfa";
import { presentedSessionToken, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Raises the caller's session with a second factor (acr 2fa, a fresh authTime, which also counts
 * as a recent sign-in). The session gets a new token, in the body and the cookie; the old one ends.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const sessionToken = presentedSessionToken(request);
  if (!sessionToken) return unauthorizedResponse();
  const input = await parseJsonBody(request, stepUpRequestSchema);
  const runtime = await getRuntime();
  const raised = await stepUpSession(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, sessionToken, ...input });
  return steppedUpResponse(runtime, tenant, raised);
});
