import { domainResponseSchema, updateDomainRequestSchema } from "@plinto/contracts";
import { json, noContent } from "../../../../../../lib/http";
import { managementRequest } from "../../../../../../lib/management";
import { route } from "../../../../../../lib/route";
import { parseJsonBody } from "../../../../../../lib/validation";
import { removeDomain, updateDomain } from "../../../../../../services/organizations/domains";
import { domainJson } from "../../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string; domain: string }> };

/** Turns auto-join on or off (`organizations:write`). */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, domain: domainId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const { autoJoin } = await parseJsonBody(request, updateDomainRequestSchema);
  const domain = await db.transaction((tx) => updateDomain(tx, ctx, { tenantId: caller.tenantId, organizationId, domainId, autoJoin }));
  return json(domainResponseSchema.parse({ domain: domainJson(domain) }));
});

/** Removes a domain (`organizations:write`). */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, domain: domainId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  await db.transaction((tx) => removeDomain(tx, ctx, { tenantId: caller.tenantId, organizationId, domainId }));
  return noContent();
});
