import { signedOutResponseSchema } from "@plinto/contracts";
import { clearedSessionCookie, requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { signOut } from "../../../../../../services/auth/auth";
import { presentedSessionToken, respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/**
 * Ends the session the request presents (Bearer token, else the cookie) and clears the cookie.
 * Idempotent: with no session, or an ended one, it answers the same.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const result = await signOut(runtime.database.db, requestContext(request), {
    tenantSlug: tenant,
    sessionToken: presentedSessionToken(request) ?? "",
  });
  return respond(signedOutResponseSchema, result, {
    headers: { "set-cookie": clearedSessionCookie(runtime.config.publicUrl, tenant) },
  });
});
