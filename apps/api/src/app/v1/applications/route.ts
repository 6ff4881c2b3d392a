import { applicationListResponseSchema, applicationResponseSchema, createApplicationRequestSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { requestContext } from "../../../lib/request";
import { route } from "../../../lib/route";
import { getRuntime } from "../../../lib/runtime";
import { parseJsonBody } from "../../../lib/validation";
import { authorizeApiKey } from "../../../services/api-keys/api-keys";
import { createApplication, listApplications } from "../../../services/applications/applications";
import { applicationJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The calling tenant's applications, newest first (API key with `applications:read`). */
export const GET = route(async (request: Request) => {
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "applications:read");
  const applications = await listApplications(database.db, caller.tenantId);
  return json(applicationListResponseSchema.parse({ applications: applications.map(applicationJson) }));
});

/** Registers an application (API key with `applications:write`); a client secret is shown this once. */
export const POST = route(async (request: Request) => {
  const { database } = await getRuntime();
  const caller = await authorizeApiKey(database.db, request.headers.get("authorization"), "applications:write");
  const input = await parseJsonBody(request, createApplicationRequestSchema);
  const ctx = requestContext(request, { type: "api_key", id: caller.apiKeyId });
  const created = await database.db.transaction((tx) => createApplication(tx, ctx, { ...input, tenantId: caller.tenantId }));
  const body = { application: applicationJson(created.application), clientSecret: created.clientSecret };
  return json(applicationResponseSchema.parse(body), { status: 201 });
});
