import { createOrganizationRequestSchema, organizationListQuerySchema, organizationListResponseSchema, organizationResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseJsonBody, parseWith } from "../../../lib/validation";
import { createOrganization, listOrganizations } from "../../../services/organizations/organizations";
import { organizationJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The tenant's organizations, newest first, a page at a time; `q` searches name and slug (`organizations:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "organizations:read");
  const query = parseWith(organizationListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const page = await listOrganizations(db, caller.tenantId, query);
  return json(organizationListResponseSchema.parse({ organizations: page.organizations.map(organizationJson), nextCursor: page.nextCursor }));
});

/** Creates an organization (`organizations:write`). */
export const POST = route(async (request: Request) => {
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const input = await parseJsonBody(request, createOrganizationRequestSchema);
  const organization = await db.transaction((tx) => createOrganization(tx, ctx, { ...input, tenantId: caller.tenantId }));
  return json(organizationResponseSchema.parse({ organization: organizationJson(organization) }), { status: 201 });
});
