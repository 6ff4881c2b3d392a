import { applicationResponseSchema, updateApplicationRequestSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../lib/http";
import { requestContext } from "../../../../lib/request";
import { route } from "../../../../lib/route";
import { getRuntime } from "../../../../lib/runtime";
import { parseJsonBody } from "../../../../lib/validation";
import { authorizeApiKey } from "../../../../services/api-keys/api-keys";
import { deleteApplication, getApplication, updateApplication } from "../../../../services/applications/applications";
import { applicationJson } from "../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ application: string }> };

/** One of the calling tenant's applications (API key with `applications:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { application: applicationId } = await params;
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "applications:read");
  const application = await getApplication(database.db, caller.tenantId, applicationId);
  return json(applicationResponseSchema.parse({ application: applicationJson(application) }));
});

/** Changes the settings sent (API key with `applications:write`). */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { application: applicationId } = await params;
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "applications:write");
  const changes = await parseJsonBody(request, updateApplicationRequestSchema);
  const ctx = requestContext(request, { type: "api_key", id: caller.apiKeyId });
  const updated = await database.db.transaction((tx) =>
    updateApplication(tx, ctx, { ...changes, tenantId: caller.tenantId, applicationId }),
  );
  return json(applicationResponseSchema.parse({ application: applicationJson(updated.application), clientSecret: updated.clientSecret }));
});

/** Deletes an application with its tokens, grants and consents (API key with `applications:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { application: applicationId } = await params;
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "applications:write");
  const ctx = requestContext(request, { type: "api_key", id: caller.apiKeyId });
  await database.db.transaction((tx) => deleteApplication(tx, ctx, { tenantId: caller.tenantId, applicationId }));
  return noContent();
});
