import { passkeyAuthenticationOptionsSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { startPasskeyStepUp } from "../../../../../../../../services/passkeys/second-factor";
import { presentedSessionToken, respond, unauthorizedResponse, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/** Options listing the caller's passkeys, to raise their session with one (step-up). */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const sessionToken = presentedSessionToken(request);
  if (!sessionToken) return unauthorizedResponse();
  const runtime = await getRuntime();
  const options = await startPasskeyStepUp(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, sessionToken });
  return respond(passkeyAuthenticationOptionsSchema, options);
});
