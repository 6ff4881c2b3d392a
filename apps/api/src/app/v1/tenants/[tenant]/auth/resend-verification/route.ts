import { resendVerificationRequestSchema, verificationSentResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { resendVerification } from "../../../../../../services/auth/auth";
import { respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Mails a fresh confirmation to an unconfirmed account. 202 for any address. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, resendVerificationRequestSchema);
  const runtime = await getRuntime();
  const result = await resendVerification(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(verificationSentResponseSchema, result, { status: 202 });
});
