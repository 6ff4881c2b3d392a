import { organizationResponseSchema, updateOrganizationRequestSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseJsonBody } from "../../../../lib/validation";
import { deleteOrganization, getOrganization, updateOrganization } from "../../../../services/organizations/organizations";
import { organizationJson } from "../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string }> };

/** One of the tenant's organizations (`organizations:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller } = await managementRequest(request, "organizations:read");
  const organization = await getOrganization(db, caller.tenantId, organizationId);
  return json(organizationResponseSchema.parse({ organization: organizationJson(organization) }));
});

/** Changes the name, slug or metadata sent (`organizations:write`). */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const changes = await parseJsonBody(request, updateOrganizationRequestSchema);
  const organization = await db.transaction((tx) => updateOrganization(tx, ctx, { ...changes, tenantId: caller.tenantId, organizationId }));
  return json(organizationResponseSchema.parse({ organization: organizationJson(organization) }));
});

/** Deletes an organization with its memberships, invitations and domains (`organizations:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  await db.transaction((tx) => deleteOrganization(tx, ctx, { tenantId: caller.tenantId, organizationId }));
  return noContent();
});
