import { userPasswordResetSentResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { sendPasswordReset } from "../../../../../services/users/password-reset";
import type { UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/**
 * Mails the user the self-service password-reset link (`users:write`); audited as
 * `user.password_reset_sent` with the caller as actor. The link itself never comes back.
 */
export const POST = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx, runtime } = await managementRequest(request, "users:write");
  const result = await sendPasswordReset(db, runtime, ctx, { tenantId: caller.tenantId, userId });
  return json(userPasswordResetSentResponseSchema.parse(result), { status: 202 });
});
