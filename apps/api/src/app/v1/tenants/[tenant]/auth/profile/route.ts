import { profileResponseSchema, updateProfileRequestSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../lib/validation";
import { accountProfile, updateProfile } from "../../../../../../services/account/profile";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The caller's own profile. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  return respond(profileResponseSchema, { profile: await accountProfile(runtime.database.db, caller.tenant.id, caller.user.id) });
});

/** Changes the caller's name, given and family name or locale; only the fields sent. */
export const PATCH = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const change = await parseJsonBody(request, updateProfileRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  await runtime.database.db.transaction((tx) => updateProfile(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id, change }));
  return respond(profileResponseSchema, { profile: await accountProfile(runtime.database.db, caller.tenant.id, caller.user.id) });
});
