import { apiKeyResponseSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { getApiKey, revokeApiKey } from "../../../../services/api-keys/api-keys";
import { apiKeyJson } from "../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ apiKey: string }> };

/** One of the tenant's API keys (`api_keys:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { apiKey: apiKeyId } = await params;
  const { db, caller } = await managementRequest(request, "api_keys:read");
  return json(apiKeyResponseSchema.parse({ apiKey: apiKeyJson(await getApiKey(db, caller.tenantId, apiKeyId)) }));
});

/** Revokes the key at once (`api_keys:write`); a key may revoke itself. */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { apiKey: apiKeyId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "api_keys:write");
  await db.transaction((tx) => revokeApiKey(tx, ctx, { tenantId: caller.tenantId, apiKeyId }));
  return noContent();
});
