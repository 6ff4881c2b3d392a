import { applicationIdSchema, consentRevokedResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { ServiceError } from "../../../../../../../services/errors";
import { revokeConsent } from "../../../../../../../services/oidc/consents";
import { callerSession, respond, unauthorizedResponse } from "../../_shared";

export const dynamic = "force-dynamic";

/**
 * Takes back what the caller allowed an application: it asks again next time, and every token it
 * holds for the caller ends now. An application the caller never allowed is not_found.
 */
export const DELETE = route(
  async (request: Request, { params }: { params: Promise<{ tenant: string; application: string }> }) => {
    const { tenant, application } = await params;
    const runtime = await getRuntime();
    const caller = await callerSession(runtime, tenant, request);
    if (!caller) return unauthorizedResponse();
    if (!applicationIdSchema.safeParse(application).success) throw new ServiceError("not_found", "You have not allowed this application anything");
    const ctx = requestContext(request, { type: "user", id: caller.user.id });
    await runtime.database.db.transaction((tx) =>
      revokeConsent(tx, ctx, { tenantId: caller.tenant.id, userId: caller.user.id, applicationId: application }),
    );
    return respond(consentRevokedResponseSchema, { status: "revoked" });
  },
);
