import { analyticsTimeseriesQuerySchema, analyticsTimeseriesResponseSchema } from "@plinto/contracts";
import { json } from "../../../../lib/http";
import { managementRequest } from "../../../../lib/management";
import { route } from "../../../../lib/route";
import { parseWith } from "../../../../lib/validation";
import { analyticsTimeseries } from "../../../../services/analytics/analytics";

export const dynamic = "force-dynamic";

/** One metric per day or month over a range, empty days and months as 0 (`analytics:read`). */
export const GET = route(async (request: Request) => {
  const { db, caller } = await managementRequest(request, "analytics:read");
  const query = parseWith(analyticsTimeseriesQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const timeseries = await analyticsTimeseries(db, { ...query, tenantId: caller.tenantId });
  return json(analyticsTimeseriesResponseSchema.parse({ timeseries }));
});
