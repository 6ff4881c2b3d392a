import { completeEmailSignInRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { completeEmailSignIn } from "../../../../../../../services/auth/auth";
import { signInResultResponse } from "../../_mfa";
import { type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** Signs in with the mailed link's token or code: the same answer and cookie as password sign-in. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, completeEmailSignInRequestSchema);
  const runtime = await getRuntime();
  const result = await completeEmailSignIn(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return signInResultResponse(runtime, tenant, result);
});
