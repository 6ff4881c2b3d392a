import { userSessionListResponseSchema, userSessionsRevokedResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { endUserSessions, userSessions } from "../../../../../services/users/directory";
import type { UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** The user's live sessions, newest first (`users:read`). */
export const GET = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller } = await managementRequest(request, "users:read");
  const sessions = await userSessions(db, caller.tenantId, userId);
  return json(
    userSessionListResponseSchema.parse({
      sessions: sessions.map((s) => ({
        ...s,
        authTime: s.authTime.toISOString(),
        lastActiveAt: s.lastActiveAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
      })),
    }),
  );
});

/** Ends every session of the user and all tokens issued for them (`users:write`). */
export const DELETE = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  const count = await db.transaction((tx) => endUserSessions(tx, ctx, { tenantId: caller.tenantId, userId }));
  return json(userSessionsRevokedResponseSchema.parse({ status: "revoked", count }));
});
