import { auditEventListQuerySchema, auditEventListResponseSchema } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { managementRequest } from "../../../lib/management";
import { route } from "../../../lib/route";
import { parseWith } from "../../../lib/validation";
import { listAuditEvents } from "../../../services/audit/events";
import { auditEventJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The tenant's audit log, newest first, filtered and a page at a time (`audit:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "audit:read");
  const query = parseWith(auditEventListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const page = await listAuditEvents(db, { ...query, tenantId: caller.tenantId });
  return json(auditEventListResponseSchema.parse({ events: page.events.map(auditEventJson), nextCursor: page.nextCursor }));
});
