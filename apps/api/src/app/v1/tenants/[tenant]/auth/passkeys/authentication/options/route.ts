import { passkeyAuthenticationOptionsSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { startPasskeySignIn } from "../../../../../../../../services/passkeys/passkeys";
import { respond, type TenantRouteContext } from "../../../_shared";

export const dynamic = "force-dynamic";

/**
 * Starts a passkey sign-in: the options for `navigator.credentials.get()` (`startAuthentication({
 * optionsJSON })`, with `useBrowserAutofill` for conditional UI). No session, no body.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const options = await startPasskeySignIn(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant });
  return respond(passkeyAuthenticationOptionsSchema, options);
});
