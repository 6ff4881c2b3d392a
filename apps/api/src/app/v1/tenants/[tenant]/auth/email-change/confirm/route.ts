import { confirmEmailChangeRequestSchema, profileResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { requireTenant } from "../../../../../../../services/auth/support";
import { confirmEmailChange } from "../../../../../../../services/account/email-change";
import { accountProfile } from "../../../../../../../services/account/profile";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Confirms a new address: with the link's token (no session needed; the link proves the address)
 * or with the mailed code, typed in by the signed-in user whose change it is.
 */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const input = await parseJsonBody(request, confirmEmailChangeRequestSchema);
  const { db } = runtime.database;
  let outcome;
  if ("token" in input) {
    const found = await requireTenant(db, tenant);
    outcome = await confirmEmailChange(db, runtime, requestContext(request), { tenant: found, token: input.token });
  } else {
    const caller = await callerSession(runtime, tenant, request);
    if (!caller) return unauthorizedResponse();
    const ctx = requestContext(request, { type: "user", id: caller.user.id });
    outcome = await confirmEmailChange(db, runtime, ctx, { tenant: caller.tenant, userId: caller.user.id, code: input.code });
  }
  return respond(profileResponseSchema, { profile: await accountProfile(db, outcome.user.tenantId, outcome.user.id) });
});
