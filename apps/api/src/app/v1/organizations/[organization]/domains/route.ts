import { createDomainRequestSchema, domainListResponseSchema, domainResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../lib/http";
import { managementRequest } from "../../../../../lib/management";
import { route } from "../../../../../lib/route";
import { parseJsonBody } from "../../../../../lib/validation";
import { addDomain, listDomains } from "../../../../../services/organizations/domains";
import { domainJson } from "../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string }> };

/** The organization's email domains, with the TXT record that verifies each (`organizations:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller } = await managementRequest(request, "organizations:read");
  const domains = await listDomains(db, caller.tenantId, organizationId);
  return json(domainListResponseSchema.parse({ domains: domains.map(domainJson) }));
});

/** Claims a domain, unverified (`organizations:write`). */
export const POST = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const input = await parseJsonBody(request, createDomainRequestSchema);
  const domain = await db.transaction((tx) => addDomain(tx, ctx, { ...input, tenantId: caller.tenantId, organizationId }));
  return json(domainResponseSchema.parse({ domain: domainJson(domain) }), { status: 201 });
});
