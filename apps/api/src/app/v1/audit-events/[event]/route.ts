import { auditEventResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { getAuditEvent } from "../../../../services/audit/events";
import { auditEventJson } from "../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ event: string }> };

/** One event of the tenant's audit log (`audit:read`). */
export const GET = route(async (request: Request, { params }: Params) => {
  const { event: eventId } = await params;
  const { db, caller } = await managementRequest(request, "audit:read");
  return json(auditEventResponseSchema.parse({ event: auditEventJson(await getAuditEvent(db, caller.tenantId, eventId)) }));
});
