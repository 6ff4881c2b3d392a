import { apiKeyCreatedResponseSchema, apiKeyListResponseSchema, createApiKeyRequestSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody } from "../../../lib/validation";
import { createApiKeyAs, listApiKeys } from "../../../services/api-keys/api-keys";
import { apiKeyJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The tenant's API keys, without secrets (`api_keys:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "api_keys:read");
  return json(apiKeyListResponseSchema.parse({ apiKeys: (await listApiKeys(db, caller.tenantId)).map(apiKeyJson) }));
});

/** Creates a key with scopes the caller holds (`api_keys:write`); the secret is shown this once. */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "api_keys:write");
  const input = await parseJsonBody(request, createApiKeyRequestSchema);
  const created = await db.transaction((tx) =>
    createApiKeyAs(tx, ctx, {
      tenantId: caller.tenantId,
      callerScopes: caller.scopes,
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : undefined,
      expiresInDays: input.expiresInDays,
    }),
  );
  return json(apiKeyCreatedResponseSchema.parse({ apiKey: apiKeyJson(created.apiKey), secret: created.secret }), { status: 201 });
});
