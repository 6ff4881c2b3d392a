import { signInRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { signInWithPassword } from "../../../../../../services/auth/auth";
import { signInResultResponse } from "../_mfa";
import { type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/**
 * Password sign-in. Starts a new session: its token comes back in the body and as the tenant's
 * session cookie. Unknown email, wrong and empty password all answer the same 401. When a second
 * factor follows, the answer is still 200, with `status: "mfa_required"` (or
 * `"mfa_enrolment_required"`) and a challenge token, and no session or cookie yet.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, signInRequestSchema);
  const runtime = await getRuntime();
  const result = await signInWithPassword(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return signInResultResponse(runtime, tenant, result);
});
