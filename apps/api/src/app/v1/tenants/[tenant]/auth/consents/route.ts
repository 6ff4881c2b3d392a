import { consentListResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { listConsents } from "../../../../../../services/oidc/consents";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The third-party applications the caller allowed, and what each may see. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, (await params).tenant, request);
  if (!caller) return unauthorizedResponse();
  const rows = await listConsents(runtime.database.db, caller.tenant.id, caller.user.id);
  return respond(consentListResponseSchema, {
    consents: rows.map((row) => ({ ...row, grantedAt: row.grantedAt.toISOString(), updatedAt: row.updatedAt.toISOString() })),
  });
});
