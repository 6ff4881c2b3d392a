import { signInRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { signInWithPassword } from "../../../../../../services/auth/auth";
import { signedInResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/**
 * Password sign-in. Starts a new session: its token comes back in the body and as the tenant's
 * session cookie. Unknown email, wrong and empty password all answer the same 401.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, signInRequestSchema);
  const runtime = await getRuntime();
  const result = await signInWithPassword(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return signedInResponse(runtime, tenant, result);
});
