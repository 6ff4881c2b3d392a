import { billingResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { getBilling } from "../../../services/billing/billing";
import { billingJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The tenant's plan and this month's usage against it (`billing:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller, runtime } = await managementRequest(request, "billing:read");
  return json(billingResponseSchema.parse(billingJson(await getBilling(db, runtime.billing, { tenantId: caller.tenantId }))));
});
