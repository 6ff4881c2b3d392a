import { rotateSigningKeysRequestSchema, rotateSigningKeysResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { route } from "../../../../lib/route";
import { managementRequest } from "../../../../lib/management";
import { parseJsonBody } from "../../../../lib/validation";
import { rotateTenantKeys } from "../../../../services/keys/rotation";
import { signingKeyJson } from "../serialize";

export const dynamic = "force-dynamic";

/**
 * Rotates the calling tenant's signing keys (`signing_keys:write`): the published
 * next key starts signing, the old one stays in the JWKS until its tokens have expired.
 */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx, runtime } = await managementRequest(request, "signing_keys:write");
  const input = await parseJsonBody(request, rotateSigningKeysRequestSchema);
  const rotated = await rotateTenantKeys(db, ctx, { tenantId: caller.tenantId, secret: runtime.config.secret, ...input });
  return json(
    rotateSigningKeysResponseSchema.parse({
      retired: signingKeyJson(rotated.retired),
      active: signingKeyJson(rotated.active),
      next: signingKeyJson(rotated.next),
    }),
  );
});
