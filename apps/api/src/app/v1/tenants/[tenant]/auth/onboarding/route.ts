import { onboardingResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { onboardingState } from "../../../../../../services/account/onboarding";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The caller's onboarding steps, each done, skipped or pending. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  return respond(onboardingResponseSchema, await onboardingState(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id }));
});
