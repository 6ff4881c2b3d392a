import { signingKeyListResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { route } from "../../../lib/route";
import { getRuntime } from "../../../lib/runtime";
import { authorizeApiKey } from "../../../services/api-keys/api-keys";
import { listSigningKeys } from "../../../services/keys/rotation";
import { signingKeyJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The calling tenant's signing keys (API key with `signing_keys:read`). */
export const GET = route(async (request: Request) => {
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "signing_keys:read");
  const keys = await listSigningKeys(database.db, caller.tenantId);
  return json(signingKeyListResponseSchema.parse({ keys: keys.map(signingKeyJson) }));
});
