import { startTotpEnrolmentRequestSchema, totpEnrolmentResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { startTotpEnrolment } from "../../../../../../../services/mfa/enrolment";
import { optionalJsonBody } from "../../_mfa";
import { respond, signedInCaller, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Starts setting up an authenticator app: for the caller's session (a sign-in within 5 minutes),
 * or, with `challengeToken`, for a sign-in answered `mfa_enrolment_required`. 201 with the secret,
 * its otpauth:// URI and a QR code; `factors/totp/confirm` finishes it.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await optionalJsonBody(request, startTotpEnrolmentRequestSchema);
  const runtime = await getRuntime();
  const authority = input.challengeToken ? { challengeToken: input.challengeToken } : await signedInCaller(runtime, tenant, request);
  if (!authority) return unauthorizedResponse();
  const started = await startTotpEnrolment(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...authority });
  return respond(
    totpEnrolmentResponseSchema,
    {
      factorId: started.credentialId,
      secret: started.secret,
      otpauthUri: started.uri,
      qrCode: started.qrCode,
      issuer: started.issuer,
      label: started.label,
      expiresAt: started.expiresAt.toISOString(),
    },
    { status: 201 },
  );
});
