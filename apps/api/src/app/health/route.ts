import { json } from "../../lib/http";
import { route } from "../../lib/route";
import { getRuntime } from "../../lib/runtime";
import { health } from "../../services/health/health";

export const dynamic = "force-dynamic";

/** Liveness: answers as long as the process does. */
export const GET = route(async () => {
  const runtime = await getRuntime();
  return json(health(runtime.startedAt));
});
