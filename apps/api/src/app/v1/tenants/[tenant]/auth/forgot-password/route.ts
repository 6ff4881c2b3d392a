import { forgotPasswordRequestSchema, resetRequestedResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { requestPasswordReset } from "../../../../../../services/auth/auth";
import { respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Mails a password reset link. 202 for any address; the mail says whether there is an account. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, forgotPasswordRequestSchema);
  const runtime = await getRuntime();
  const result = await requestPasswordReset(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(resetRequestedResponseSchema, result, { status: 202 });
});
