import { sessionIdSchema, sessionRevokedResponseSchema } from "@plinto/contracts";
import { clearedSessionCookie, requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { ServiceError } from "../../../../../../../services/errors";
import { revokeSession } from "../../../../../../../services/sessions/sessions";
import { callerSession, respond, unauthorizedResponse } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Ends one of the caller's own sessions (signs a lost device out). Another user's session, or
 * another tenant's, is not_found, exactly like one that does not exist. Ending the session this
 * request presents also clears its cookie.
 */
export const DELETE = route(
  async (request: Request, { params }: { params: Promise<{ tenant: string; session: string }> }) => {
    const { tenant, session: sessionId } = await params;
    const runtime = await getRuntime();
    const caller = await callerSession(runtime, tenant, request);
    if (!caller) return unauthorizedResponse();
    if (!sessionIdSchema.safeParse(sessionId).success) throw new ServiceError("not_found", "No such session");

    const ctx = requestContext(request, { type: "user", id: caller.user.id });
    await runtime.database.db.transaction((tx) =>
      revokeSession(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id, sessionId, reason: "revoked_by_user" }),
    );
    const headers: HeadersInit = sessionId === caller.session.id ? { "set-cookie": clearedSessionCookie(runtime.config.publicUrl, tenant) } : {};
    return respond(sessionRevokedResponseSchema, { status: "revoked" }, { headers });
  },
);
