import { otherSessionsRevokedResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { listSessions, revokeAllSessions } from "../../../../../../services/sessions/sessions";
import { callerSession, respond, sessionListResponse, unauthorizedResponse, type TenantRouteContext } from "../_shared";

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

/**
 * Signs the caller out everywhere else: every other session ends, in one transaction, with the
 * application tokens issued under them; this session and its tokens stay.
 */
export const DELETE = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const count = await runtime.database.db.transaction((tx) =>
    revokeAllSessions(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id, reason: "revoked_by_user", exceptSessionId: caller.session.id }),
  );
  return respond(otherSessionsRevokedResponseSchema, { status: "revoked", count });
});
