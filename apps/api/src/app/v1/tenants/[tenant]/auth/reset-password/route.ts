import { passwordResetResponseSchema, resetPasswordRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { resetPassword } from "../../../../../../services/auth/auth";
import { respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Sets a new password with the reset link's token; every session of the account ends. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, resetPasswordRequestSchema);
  const runtime = await getRuntime();
  const result = await resetPassword(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(passwordResetResponseSchema, result);
});
