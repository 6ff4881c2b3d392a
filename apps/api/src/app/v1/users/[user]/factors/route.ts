import { userFactorsResetResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { resetSecondFactors } from "../../../../../services/mfa/manage";
import type { UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/**
 * Resets the user's authenticator apps and recovery codes after they lost them (`users:write`):
 * sessions end, the user is told by mail, the reset is audited with the caller as actor.
 */
export const DELETE = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx, runtime } = await managementRequest(request, "users:write");
  const result = await resetSecondFactors(db, runtime, ctx, { tenantId: caller.tenantId, userId });
  return json(userFactorsResetResponseSchema.parse(result));
});
