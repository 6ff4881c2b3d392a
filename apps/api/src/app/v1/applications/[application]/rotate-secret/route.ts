import { applicationSecretRotatedResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { requestContext } from "../../../../../lib/request";
import { route } from "../../../../../lib/route";
import { getRuntime } from "../../../../../lib/runtime";
import { authorizeApiKey } from "../../../../../services/api-keys/api-keys";
import { rotateApplicationSecret } from "../../../../../services/applications/applications";
import { applicationJson } from "../../serialize";

export const dynamic = "force-dynamic";

/**
 * Issues a new client secret (API key with `applications:write`), shown this once; the old one
 * stops working at once. Public and private_key_jwt applications have no secret: 409.
 */
export const POST = route(async (request: Request, { params }: { params: Promise<{ application: string }> }) => {
  const { application: applicationId } = await params;
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "applications:write");
  const ctx = requestContext(request, { type: "api_key", id: caller.apiKeyId });
  const rotated = await database.db.transaction((tx) => rotateApplicationSecret(tx, ctx, { tenantId: caller.tenantId, applicationId }));
  return json(applicationSecretRotatedResponseSchema.parse({ application: applicationJson(rotated.application), clientSecret: rotated.clientSecret }));
});
