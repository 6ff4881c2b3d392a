import { PlintoApiError, PlintoNetworkError } from "@plinto/sdk";
import type { NextRequest } from "next/server";
import { apiFilters, filterForm } from "~/lib/audit";
import { tenantContext } from "~/lib/tenant";

export const dynamic = "force-dynamic";

/**
 * The audit log's export buttons: fetches the file from the management API with the signed-in
 * admin's token (which stays on this server) for the tenant they chose, and hands it back as a
 * download named after the tenant and the day.
 */
export async function GET(request: NextRequest) {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const format = params.format === "json" ? "json" : "csv";
  const context = await tenantContext().catch(() => null);
  if (!context) return text(401, "Sign in to export the audit log.");
  if (!context.can("audit:read")) return text(403, `Your role cannot read the audit log of ${context.tenant.name}.`);
  let file: string;
  try {
    file = await context.api.auditEvents.export({ ...apiFilters(filterForm(params)), format });
  } catch (error) {
    if (error instanceof PlintoApiError) return text(error.status, `The export was refused: ${error.message}`);
    if (error instanceof PlintoNetworkError) return text(502, "The Plinto API did not answer; try the export again.");
    throw error;
  }
  const filename = `audit-${context.tenant.slug}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(file, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
