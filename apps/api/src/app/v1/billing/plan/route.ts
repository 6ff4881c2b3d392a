import { changePlanRequestSchema, planChangedResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseJsonBody } from "../../../../lib/validation";
import { changePlan, getBilling } from "../../../../services/billing/billing";
import { billingJson, invoiceJson } from "../serialize";

export const dynamic = "force-dynamic";

/** Moves the tenant to another plan through the payment provider (`billing:write`). */
export const PUT = route(async (request: Request) => {
  const { db, caller, ctx, runtime } = await managementRequest(request, "billing:write");
  const { plan } = await parseJsonBody(request, changePlanRequestSchema);
  const { invoice } = await db.transaction((tx) => changePlan(tx, runtime.billing, ctx, { tenantId: caller.tenantId, plan }));
  const billing = await getBilling(db, runtime.billing, { tenantId: caller.tenantId });
  return json(planChangedResponseSchema.parse({ billing: billingJson(billing), invoice: invoice ? invoiceJson(invoice) : null }));
});
