import { route } from "../../../../../lib/route";
import { getRuntime } from "../../../../../lib/runtime";
import { systemContext } from "../../../../../services/context";
import { JWKS_MAX_AGE_SECONDS, tenantJwks } from "../../../../../services/keys/keys";

export const dynamic = "force-dynamic";

/**
 * The tenant's public signing keys (RFC 7517). Cached briefly and publicly: rotation publishes the
 * next key well before it signs, so a verifier that refetches on schedule already has it.
 */
export const GET = route(async (_request: Request, { params }: { params: Promise<{ tenant: string }> }) => {
  const { tenant } = await params;
  const { config, database } = await getRuntime();
  const jwks = await tenantJwks(database.db, systemContext, { tenantSlug: tenant, secret: config.secret });
  return new Response(JSON.stringify(jwks), {
    headers: {
      "content-type": "application/json",
      "cache-control": `public, max-age=${JWKS_MAX_AGE_SECONDS}`,
      // Public keys, no credentials: browsers may verify tokens against them from any origin.
      "access-control-allow-origin": "*",
    },
  });
});
