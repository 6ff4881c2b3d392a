import { domainResponseSchema } from "@plinto/contracts";
import { json } from "../../../../../../../lib/http";
import { managementRequest } from "../../../../../../../lib/management";
import { route } from "../../../../../../../lib/route";
import { verifyDomain } from "../../../../../../../services/organizations/domains";
import { domainJson } from "../../../../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ organization: string; domain: string }> };

/** Looks the domain's TXT record up now; verified when it holds the expected value (`organizations:write`). */
export const POST = route(async (request: Request, { params }: Params) => {
  const { organization: organizationId, domain: domainId } = await params;
  const { db, caller, ctx } = await managementRequest(request, "organizations:write");
  const domain = await verifyDomain(db, ctx, { tenantId: caller.tenantId, organizationId, domainId });
  return json(domainResponseSchema.parse({ domain: domainJson(domain) }));
});
