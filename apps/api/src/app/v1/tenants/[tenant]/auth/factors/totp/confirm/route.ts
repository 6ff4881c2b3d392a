import { confirmTotpRequestSchema, totpConfirmedResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../../lib/validation";
import { confirmTotpEnrolment } from "../../../../../../../../services/mfa/enrolment";
import { cookieFor, factorBody, signedInBody } from "../../../_mfa";
import { respond, signedInCaller, unauthorizedResponse, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/**
 * Confirms the authenticator app being set up with a code from it. The first second factor comes
 * with ten recovery codes, in this answer only. With `challengeToken`, the held-back sign-in
 * completes: `signIn` carries its session, and the session cookie is set.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, confirmTotpRequestSchema);
  const runtime = await getRuntime();
  const authority = input.challengeToken ? { challengeToken: input.challengeToken } : await signedInCaller(runtime, tenant, request);
  if (!authority) return unauthorizedResponse();
  const confirmed = await confirmTotpEnrolment(runtime.database.db, runtime, requestContext(request), {
    tenantSlug: tenant,
    code: input.code,
    ...authority,
  });
  return respond(
    totpConfirmedResponseSchema,
    {
      factor: factorBody(confirmed.factor),
      ...(confirmed.recoveryCodes ? { recoveryCodes: confirmed.recoveryCodes } : {}),
      ...(confirmed.signIn ? { signIn: signedInBody(confirmed.signIn) } : {}),
    },
    confirmed.signIn ? { headers: { "set-cookie": cookieFor(runtime, tenant, confirmed.signIn) } } : {},
  );
});
