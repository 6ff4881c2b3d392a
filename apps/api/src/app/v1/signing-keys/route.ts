import { signingKeyListResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { route } from "../../../lib/route";
import { managementRequest } from "../../../lib/management";
import { listSigningKeys } from "../../../services/keys/rotation";
import { signingKeyJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The calling tenant's signing keys (`signing_keys:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller, ctx, runtime } = await managementRequest(request, "signing_keys:read");
  const keys = await listSigningKeys(db, ctx, { tenantId: caller.tenantId, secret: runtime.config.secret });
  return json(signingKeyListResponseSchema.parse({ keys: keys.map(signingKeyJson) }));
});
