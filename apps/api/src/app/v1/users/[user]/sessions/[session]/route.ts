import { sessionRevokedResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../../lib/http";
import { managementRequest } from "../../../../../../lib/management";
import { route } from "../../../../../../lib/route";
import { revokeSession } from "../../../../../../services/sessions/sessions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ user: string; session: string }> };

/** Ends one session of the user and the refresh tokens issued under it (`users:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { user: userId, session: sessionId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  await db.transaction((tx) => revokeSession(tx, ctx, { tenantId: caller.tenantId, userId, sessionId, reason: "admin" }));
  return json(sessionRevokedResponseSchema.parse({ status: "revoked" }));
});
