import { emailSignInRequestSchema, emailSignInSentResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { requestEmailSignIn } from "../../../../../../services/auth/auth";
import { respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Mails a sign-in link and code (magic link / email one-time code). 202 for any address. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, emailSignInRequestSchema);
  const runtime = await getRuntime();
  const result = await requestEmailSignIn(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(emailSignInSentResponseSchema, result, { status: 202 });
});
