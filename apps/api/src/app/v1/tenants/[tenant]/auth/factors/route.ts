import { factorListResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { listFactors } from "../../../../../../services/mfa/manage";
import { factorBody } from "../_mfa";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The caller's second factors (authenticator app, passkeys), oldest first, and unused recovery codes. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const factors = await listFactors(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id });
  return respond(factorListResponseSchema, {
    factors: factors.factors.map(factorBody),
    recoveryCodes: { remaining: factors.recoveryCodes },
  });
});
