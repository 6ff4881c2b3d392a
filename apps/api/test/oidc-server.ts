import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createOidcEdge } from "../src/edge/oidc";
import { CLIENT_IP_HEADER } from "../src/lib/request";
import { systemContext } from "../src/services/context";
import { tenantJwks } from "../src/services/keys/keys";
import { getTestInstance } from "./instance";

/**
 * The API's protocol side on a real HTTP port, for standard clients (openid-client) to talk to:
 * the same OIDC edge the server runs in front of Next, plus the tenant JWKS that Next serves.
 * Hosted pages are not here (Playwright covers them against the whole server); tests sign users
 * in through the services and present the session cookie, as the hosted sign-in would set it.
 */
export async function startOidcServer() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { runtime, database } = await getTestInstance({ PLINTO_API_URL: url });
  const edge = createOidcEdge(runtime);

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    void (async () => {
      if (await edge.handle(req, res)) return;
      const jwks = /^\/t\/([^/]+)\/\.well-known\/jwks\.json$/.exec(req.url ?? "");
      if (jwks) {
        const body = await tenantJwks(database.db, systemContext, { tenantSlug: jwks[1]!, secret: runtime.config.secret });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(body));
        return;
      }
      res.statusCode = 404;
      res.end();
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });

  return {
    url,
    runtime,
    database,
    issuer: (tenantSlug: string) => `${url}/t/${tenantSlug}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.dispose();
    },
  };
}
