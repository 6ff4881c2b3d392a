import { userResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { unblockUser } from "../../../../../services/users/lifecycle";
import { userJson, type UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** Lets a blocked user sign in again (`users:write`). */
export const POST = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  const user = await db.transaction((tx) => unblockUser(tx, ctx, { tenantId: caller.tenantId, userId }));
  return json(userResponseSchema.parse({ user: userJson(user) }));
});
