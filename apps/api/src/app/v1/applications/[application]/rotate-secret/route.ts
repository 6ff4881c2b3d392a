import { applicationSecretRotatedResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { route } from "../../../../../lib/route";
import { managementRequest } from "../../../../../lib/management";
import { rotateApplicationSecret } from "../../../../../services/applications/applications";
import { applicationJson } from "../../serialize";

export const dynamic = "force-dynamic";

/**
 * Issues a new client secret (`applications:write`), shown this once; the old one
 * stops working at once. Public and private_key_jwt applications have no secret: 409.
 */
export const POST = route(async (request: Request, { params }: { params: Promise<{ application: string }> }) => {
  const { application: applicationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "applications:write");
  const rotated = await db.transaction((tx) => rotateApplicationSecret(tx, ctx, { tenantId: caller.tenantId, applicationId }));
  return json(applicationSecretRotatedResponseSchema.parse({ application: applicationJson(rotated.application), clientSecret: rotated.clientSecret }));
});
