import { accountExportSchema } from "@plinto/contracts";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { exportAccount } from "../../../../../../../services/account/export";
import { enforce } from "../../../../../../../services/auth/support";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../../_shared";

export const dynamic = "force-dynamic";

/** An export reads every table about the user: a few an hour are plenty. */
const EXPORTS_PER_USER = { limit: 5, windowSeconds: 3600 };

/** Everything Plinto holds about the caller, as a JSON download. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  await enforce(runtime.limiter, `export:${caller.tenant.id}:${caller.user.id}`, EXPORTS_PER_USER);
  const data = await exportAccount(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id });
  return respond(accountExportSchema, data, { headers: { "content-disposition": 'attachment; filename="account-export.json"' } });
});
