import { passkeySignInRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { finishPasskeySignIn } from "../../../../../../../services/passkeys/passkeys";
import { signInResultResponse } from "../../_mfa";
import type { TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Signs in with a passkey's assertion. Starts a new session and answers exactly as a password
 * sign-in that started one (`status: "signed_in"`, the token in the body and the tenant's session
 * cookie). Every refusal answers the same 401.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const { credential } = await parseJsonBody(request, passkeySignInRequestSchema);
  const runtime = await getRuntime();
  const result = await finishPasskeySignIn(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, response: credential });
  return signInResultResponse(runtime, tenant, { status: "signed_in", ...result });
});
