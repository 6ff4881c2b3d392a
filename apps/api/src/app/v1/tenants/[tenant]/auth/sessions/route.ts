import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { listSessions } from "../../../../../../services/sessions/sessions";
import { callerSession, sessionListResponse, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The caller's live sessions, newest first; `current` marks the one this request presents. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const rows = await listSessions(runtime.database.db, caller.tenant.id, caller.user.id);
  return sessionListResponse(rows, caller.session.id);
});
