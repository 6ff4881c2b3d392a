import { invoiceListResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { listInvoices } from "../../../../services/billing/billing";
import { invoiceJson } from "../serialize";

export const dynamic = "force-dynamic";

/** The tenant's invoices, newest first (`billing:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "billing:read");
  return json(invoiceListResponseSchema.parse({ invoices: (await listInvoices(db, caller.tenantId)).map(invoiceJson) }));
});
