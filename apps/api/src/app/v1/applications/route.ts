import { applicationListResponseSchema, applicationResponseSchema, createApplicationRequestSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { route } from "../../../lib/route";
import { managementRequest } from "../../../lib/management";
import { parseJsonBody } from "../../../lib/validation";
import { createApplication, listApplications } from "../../../services/applications/applications";
import { applicationJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The calling tenant's applications, newest first (`applications:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "applications:read");
  const applications = await listApplications(db, caller.tenantId);
  return json(applicationListResponseSchema.parse({ applications: applications.map(applicationJson) }));
});

/** Registers an application (`applications:write`); a client secret is shown this once. */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "applications:write");
  const input = await parseJsonBody(request, createApplicationRequestSchema);
  const created = await db.transaction((tx) => createApplication(tx, ctx, { ...input, tenantId: caller.tenantId }));
  const body = { application: applicationJson(created.application), clientSecret: created.clientSecret };
  return json(applicationResponseSchema.parse(body), { status: 201 });
});
