import { applicationResponseSchema, updateApplicationRequestSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../lib/http";
import { route } from "../../../../lib/route";
import { managementRequest } from "../../../../lib/management";
import { parseJsonBody } from "../../../../lib/validation";
import { deleteApplication, getApplication, updateApplication } from "../../../../services/applications/applications";
import { applicationJson } from "../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ application: string }> };

/** One of the calling tenant's applications (`applications:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { application: applicationId } = await params;
  const { db, caller } = await managementRequest(request, "applications:read");
  const application = await getApplication(db, caller.tenantId, applicationId);
  return json(applicationResponseSchema.parse({ application: applicationJson(application) }));
});

/** Changes the settings sent (`applications:write`). */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { application: applicationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "applications:write");
  const changes = await parseJsonBody(request, updateApplicationRequestSchema);
  const updated = await db.transaction((tx) =>
    updateApplication(tx, ctx, { ...changes, tenantId: caller.tenantId, applicationId }),
  );
  return json(applicationResponseSchema.parse({ application: applicationJson(updated.application), clientSecret: updated.clientSecret }));
});

/** Deletes an application with its tokens, grants and consents (`applications:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { application: applicationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "applications:write");
  await db.transaction((tx) => deleteApplication(tx, ctx, { tenantId: caller.tenantId, applicationId }));
  return noContent();
});
