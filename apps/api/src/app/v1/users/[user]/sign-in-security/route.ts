import { userSignInSecurityResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { signInSecurity } from "../../../../../services/users/sign-in-security";
import { signInSecurityJson, type UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** The user's recent sign-in failures and whether sign-in is paused; counts no attempt (`users:read`). */
export const GET = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { runtime, db, caller } = await managementRequest(request, "users:read");
  const report = await signInSecurity(db, runtime.limiter, { tenantId: caller.tenantId, userId });
  return json(userSignInSecurityResponseSchema.parse({ signInSecurity: signInSecurityJson(report) }));
});
