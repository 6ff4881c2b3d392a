import { buildOpenApiDocument } from "@plinto/contracts";
import { json } from "../../../lib/http";
import { route } from "../../../lib/route";
import { getRuntime } from "../../../lib/runtime";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document, generated from the wire contract; the docs and SDK types come from it. */
export const GET = route(async () => {
  const { config } = await getRuntime();
  return json(buildOpenApiDocument(config.publicUrl));
});
