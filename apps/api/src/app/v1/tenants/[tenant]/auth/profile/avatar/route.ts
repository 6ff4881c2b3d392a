import { AVATAR_MAX_BYTES, profileResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { readBinaryBody } from "../../../../../../../lib/validation";
import { enforce } from "../../../../../../../services/auth/support";
import { removeAvatar, setAvatar } from "../../../../../../../services/account/avatars";
import { accountProfile } from "../../../../../../../services/account/profile";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** Uploads per user: a picture is changed now and then, not in a loop that fills the database. */
const UPLOADS_PER_USER = { limit: 10, windowSeconds: 3600 };

/**
 * Stores the body as the caller's picture. The file's type is recognised from its bytes (PNG,
 * JPEG or WebP); the client's Content-Type is not trusted. At most 1 MB.
 */
export const PUT = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  await enforce(runtime.limiter, `avatar:${caller.tenant.id}:${caller.user.id}`, UPLOADS_PER_USER);
  const bytes = await readBinaryBody(request, AVATAR_MAX_BYTES);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  await runtime.database.db.transaction((tx) =>
    setAvatar(tx, ctx, { tenantId: caller.tenant.id, tenantSlug: caller.tenant.slug, userId: caller.user.id, bytes, publicUrl: runtime.config.publicUrl }),
  );
  return respond(profileResponseSchema, { profile: await accountProfile(runtime.database.db, caller.tenant.id, caller.user.id) });
});

/** Removes the caller's picture. */
export const DELETE = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  await runtime.database.db.transaction((tx) => removeAvatar(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id }));
  return respond(profileResponseSchema, { profile: await accountProfile(runtime.database.db, caller.tenant.id, caller.user.id) });
});
