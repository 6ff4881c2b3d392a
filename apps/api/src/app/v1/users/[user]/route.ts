import { updateUserRequestSchema, userResponseSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseJsonBody } from "../../../../lib/validation";
import { getUser, updateUser } from "../../../../services/users/directory";
import { deleteUser } from "../../../../services/users/lifecycle";
import { userJson, type UserParams } from "../serialize";

export const dynamic = "force-dynamic";

/** One of the tenant's users (`users:read`). */
export const GET = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller } = await managementRequest(request, "users:read");
  return json(userResponseSchema.parse({ user: userJson(await getUser(db, caller.tenantId, userId)) }));
});

/** Changes the profile fields sent, or confirms the email address by hand (`users:write`). */
export const PATCH = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  const changes = await parseJsonBody(request, updateUserRequestSchema);
  const user = await db.transaction((tx) => updateUser(tx, ctx, { ...changes, tenantId: caller.tenantId, userId }));
  return json(userResponseSchema.parse({ user: userJson(user) }));
});

/** Deletes the user with their credentials, sessions and memberships (`users:write`). */
export const DELETE = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  await db.transaction((tx) => deleteUser(tx, ctx, { tenantId: caller.tenantId, userId }));
  return noContent();
});
