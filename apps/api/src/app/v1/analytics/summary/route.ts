import { analyticsSummaryQuerySchema, analyticsSummaryResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseWith } from "../../../../lib/validation";
import { analyticsSummary } from "../../../../services/analytics/analytics";

export const dynamic = "force-dynamic";

/** The tenant's sign-ups, sign-ins, active users and MFA adoption over a range (`analytics:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "analytics:read");
  const query = parseWith(analyticsSummaryQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const summary = await analyticsSummary(db, { ...query, tenantId: caller.tenantId });
  return json(analyticsSummaryResponseSchema.parse({ summary }));
});
