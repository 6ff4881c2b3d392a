import { signUpRequestSchema, verificationSentResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { signUp } from "../../../../../../services/auth/auth";
import { respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/**
 * Creates an account and mails a confirmation link and code. 202 whether or not the address
 * already has an account (its owner is told by mail instead), so sign-up reveals no accounts.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, signUpRequestSchema);
  const runtime = await getRuntime();
  const result = await signUp(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(verificationSentResponseSchema, result, { status: 202 });
});
