import { mfaEmailCodeSentResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { sendStepUpEmailCode } from "../../../../../../../../services/mfa/sign-in";
import { presentedSessionToken, respond, unauthorizedResponse, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/** Mails a code that raises the caller's session (`POST mfa/step-up` with `email_code`), where the tenant allows it; 202 once sent. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const sessionToken = presentedSessionToken(request);
  if (!sessionToken) return unauthorizedResponse();
  const runtime = await getRuntime();
  const sent = await sendStepUpEmailCode(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, sessionToken });
  return respond(mfaEmailCodeSentResponseSchema, { status: sent.status, expiresAt: sent.expiresAt.toISOString() }, { status: 202 });
});
