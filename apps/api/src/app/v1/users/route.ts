import { createUserRequestSchema, userListQuerySchema, userListResponseSchema, userResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody, parseWith } from "../../../lib/validation";
import { listUsers } from "../../../services/users/directory";
import { createUser } from "../../../services/users/users";
import { userJson } from "./serialize";

export const dynamic = "force-dynamic";

/** Search and page through the tenant's users (`users:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "users:read");
  const query = parseWith(userListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const page = await listUsers(db, { ...query, tenantId: caller.tenantId });
  return json(userListResponseSchema.parse({ users: page.users.map(userJson), nextCursor: page.nextCursor }));
});

/** Creates a user (`users:write`); 409 when the email is taken in this tenant. */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "users:write");
  const input = await parseJsonBody(request, createUserRequestSchema);
  const user = await db.transaction((tx) => createUser(tx, ctx, { ...input, tenantId: caller.tenantId }));
  return json(userResponseSchema.parse({ user: userJson(user) }), { status: 201 });
});
