import { onboardingResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../../lib/request";
import { route } from "../../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../../lib/runtime";
import { skipOnboardingStep } from "../../../../../../../../services/account/onboarding";
import { callerSession, respond, unauthorizedResponse } from "../../../_shared";

export const dynamic = "force-dynamic";

/** Skips one of the caller's onboarding steps, unless the tenant requires it. */
export const POST = route(async (request: Request, { params }: { params: Promise<{ tenant: string; step: string }> }) => {
  const { tenant, step } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const state = await runtime.database.db.transaction((tx) => skipOnboardingStep(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id, step }));
  return respond(onboardingResponseSchema, state);
});
