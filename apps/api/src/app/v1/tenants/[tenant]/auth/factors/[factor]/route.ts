import { factorIdSchema, factorRemovedResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { ServiceError } from "../../../../../../../services/errors";
import { removeFactor } from "../../../../../../../services/mfa/manage";
import { callerSession, respond, unauthorizedResponse } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Removes the caller's authenticator app; needs a sign-in (or step-up) within the last 5 minutes,
 * else 403 reauthentication_required. Another user's factor is not_found, like a missing one.
 */
export const DELETE = route(async (request: Request, { params }: { params: Promise<{ tenant: string; factor: string }> }) => {
  const { tenant, factor } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  if (!factorIdSchema.safeParse(factor).success) throw new ServiceError("not_found", "No such factor");
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const removed = await removeFactor(runtime.database.db, runtime, ctx, {
    tenantId: caller.tenant.id,
    userId: caller.user.id,
    session: caller.session,
    factorId: factor,
  });
  return respond(factorRemovedResponseSchema, removed);
});
