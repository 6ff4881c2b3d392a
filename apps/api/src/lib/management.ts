import type { ManagementScope } from "@plinto/contracts";
import { authorizeManagement } from "../services/management/authorize";
import { requestContext } from "./request";
import { getRuntime } from "./runtime";

/**
 * The start of every management route: the runtime, the authorized caller (401/403 otherwise) and
 * the request context its changes are audited under.
 */
export async function managementRequest(request: Request, scope: ManagementScope) {
  const runtime = await getRuntime();
  const db = runtime.database.db;
  const caller = await authorizeManagement(db, { publicUrl: runtime.config.publicUrl, headers: request.headers, scope });
  return { runtime, db, caller, ctx: requestContext(request, caller.actor) };
}
