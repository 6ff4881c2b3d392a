import { impersonateUserRequestSchema, impersonationCreatedResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { parseJsonBody } from "../../../../../lib/validation";
import { requestImpersonation } from "../../../../../services/impersonation/impersonation";
import type { UserParams } from "../../serialize";

export const dynamic = "force-dynamic";

/** A single-use link that signs the caller in as the user, for support (`users:impersonate`). */
export const POST = route(async (request: Request, { params }: UserParams) => {
  const { user: userId } = await params;
  const { db, caller, ctx, runtime } = await managementRequest(request, "users:impersonate");
  const input = await parseJsonBody(request, impersonateUserRequestSchema);
  const asked = await db.transaction((tx) =>
    requestImpersonation(tx, ctx, { tenantId: caller.tenantId, userId, ...input, publicUrl: runtime.config.publicUrl }),
  );
  return json(
    impersonationCreatedResponseSchema.parse({ impersonationId: asked.impersonation.id, url: asked.url, expiresAt: asked.expiresAt.toISOString() }),
    { status: 201 },
  );
});
