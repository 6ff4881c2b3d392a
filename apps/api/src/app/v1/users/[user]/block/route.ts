import { userResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { blockUser } from "../../../../../services/users/lifecycle";
import { userJson, type UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** Blocks the user and ends every session and token they hold (`users:write`). */
export const POST = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  const user = await db.transaction((tx) => blockUser(tx, ctx, { tenantId: caller.tenantId, userId }));
  return json(userResponseSchema.parse({ user: userJson(user) }));
});
