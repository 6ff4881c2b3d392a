import { mfaEmailCodeSentResponseSchema, sendMfaEmailCodeRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { sendMfaEmailCode } from "../../../../../../../services/mfa/sign-in";
import { respond, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** Mails a code for a pending sign-in whose factors include `email_code`; 202 once sent. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, sendMfaEmailCodeRequestSchema);
  const runtime = await getRuntime();
  const sent = await sendMfaEmailCode(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(mfaEmailCodeSentResponseSchema, { status: sent.status, expiresAt: sent.expiresAt.toISOString() }, { status: 202 });
});
