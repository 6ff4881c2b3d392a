import { emailVerifiedResponseSchema, verifyEmailRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { verifyEmail } from "../../../../../../services/auth/auth";
import { respond, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** Confirms an address with the mailed link's token, or with the address and the mailed code. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const input = await parseJsonBody(request, verifyEmailRequestSchema);
  const runtime = await getRuntime();
  const result = await verifyEmail(runtime.database.db, runtime, requestContext(request), { tenantSlug: tenant, ...input });
  return respond(emailVerifiedResponseSchema, result);
});
