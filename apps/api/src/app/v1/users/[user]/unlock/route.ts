import { userSignInSecurityResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { unlockUser } from "../../../../../services/users/sign-in-security";
import { signInSecurityJson, type UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** Clears the user's sign-in limits, audited as user.unlocked (`users:write`). */
export const POST = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { runtime, db, caller, ctx } = await managementRequest(request, "users:write");
  const report = await unlockUser(db, runtime.limiter, ctx, { tenantId: caller.tenantId, userId });
  return json(userSignInSecurityResponseSchema.parse({ signInSecurity: signInSecurityJson(report) }));
});
