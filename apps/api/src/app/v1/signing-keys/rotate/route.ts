import { rotateSigningKeysRequestSchema, rotateSigningKeysResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { requestContext } from "../../../../lib/request";
import { route } from "../../../../lib/route";
import { getRuntime } from "../../../../lib/runtime";
import { parseJsonBody } from "../../../../lib/validation";
import { authorizeApiKey } from "../../../../services/api-keys/api-keys";
import { rotateTenantKeys } from "../../../../services/keys/rotation";
import { signingKeyJson } from "../serialize";

export const dynamic = "force-dynamic";

/**
 * Rotates the calling tenant's signing keys (API key with `signing_keys:write`): the published
 * next key starts signing, the old one stays in the JWKS until its tokens have expired.
 */
export const POST = route(async (request: Request) => {
  const { database, config } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "signing_keys:write");
  const input = await parseJsonBody(request, rotateSigningKeysRequestSchema);
  const ctx = requestContext(request, { type: "api_key", id: caller.apiKeyId });
  const rotated = await rotateTenantKeys(database.db, ctx, { tenantId: caller.tenantId, secret: config.secret, ...input });
  return json(
    rotateSigningKeysResponseSchema.parse({
      retired: signingKeyJson(rotated.retired),
      active: signingKeyJson(rotated.active),
      next: signingKeyJson(rotated.next),
    }),
  );
});
