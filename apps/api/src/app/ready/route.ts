import { json } from "../../lib/http";
import { route } from "../../lib/route";
import { getRuntime } from "../../lib/runtime";
import { readiness } from "../../services/health/health";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database answers and is migrated, 503 otherwise. */
export const GET = route(async () => {
  const runtime = await getRuntime();
  const ready = await readiness(runtime.database);
  return json(ready, { status: ready.status === "ready" ? 200 : 503 });
});
