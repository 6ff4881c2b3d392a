import { AUDIT_CSV_COLUMNS, AUDIT_EXPORT_TRUNCATED_HEADER, auditEventExportJsonSchema, auditEventExportQuerySchema } from "@plinto/contracts";
import { toCsv } from "../../../../lib/csv";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseWith } from "../../../../lib/validation";
import { exportAuditEvents } from "../../../../services/audit/events";
import { auditEventJson } from "../serialize";

export const dynamic = "force-dynamic";

/** Every event the filters match (up to the cap) as a CSV or JSON file to save (`audit:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "audit:read");
  const { format, ...filters } = parseWith(auditEventExportQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const result = await exportAuditEvents(db, { ...filters, tenantId: caller.tenantId });
  const events = result.events.map(auditEventJson);
  const body =
    format === "csv" ? toCsv(AUDIT_CSV_COLUMNS, events) : JSON.stringify(auditEventExportJsonSchema.parse({ events, truncated: result.truncated }));
  const filename = `audit-${result.tenantSlug}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      [AUDIT_EXPORT_TRUNCATED_HEADER]: String(result.truncated),
    },
  });
});
