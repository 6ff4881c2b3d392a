/**
 * The API's process: validate configuration, open and migrate the database, then hand HTTP to
 * Next. A custom server (rather than `next start`) so start-up problems are one clear line and a
 * non-zero exit, the database is open before the first request, and the Koa-based OIDC engine
 * takes the protocol endpoints under /t/{tenant}/ (src/edge/oidc.ts).
 */
import { createServer } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { DatabaseError } from "@plinto/db";
import { ConfigError, loadConfig, type Config } from "./src/lib/config";
import { contentSecurityPolicy, newNonce } from "./src/lib/csp";
import { CLIENT_IP_HEADER } from "./src/lib/request";
import { installRuntime, startRuntime, stopRuntime, type Runtime } from "./src/lib/runtime";
import { scheduleHousekeeping } from "./src/services/housekeeping/housekeeping";

const dev = process.argv.includes("--dev");

function fail(message: string): never {
  for (const line of message.split("\n")) console.error(`plinto-api: ${line}`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.problems.join("\n"));
  throw error;
}

let runtime: Runtime;
try {
  runtime = await installRuntime(startRuntime(config));
} catch (error) {
  if (error instanceof DatabaseError) fail(error.message);
  fail(`could not start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
}

const app = next({ dev, dir: dirname(fileURLToPath(import.meta.url)), port: config.port });
await app.prepare();
const handle = app.getRequestHandler();
const oidc = (await loadOidcEdge())(runtime);
const server = createServer((req, res) => {
  // The socket's address, stamped by us: route handlers read it for rate limits and the audit log.
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
  // A nonce per response: Next reads it from the request's CSP header and puts it on its scripts.
  const policy = contentSecurityPolicy(newNonce(), { dev });
  req.headers["content-security-policy"] = policy;
  res.setHeader("Content-Security-Policy", policy);
  // The tenants' OpenID Provider endpoints (Koa-based) first; everything else is Next's.
  oidc.handle(req, res).then(
    (handled) => {
      if (!handled) void handle(req, res);
    },
    () => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    },
  );
});

server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") fail(`port ${config.port} is already in use (set PORT to use another)`);
  fail(`cannot listen on port ${config.port}: ${error.message}`);
});

server.listen(config.port, config.host, () => {
  const where = runtime.database.driver === "pglite" ? `embedded database in ${runtime.config.dataDir}` : runtime.database.location;
  console.log(`plinto-api: listening on ${config.publicUrl} (${where})`);
});

// Expired challenges, codes and protocol state go an hour at a time; a failed run says only its kind.
const stopHousekeeping = scheduleHousekeeping(
  runtime.database.db,
  (error) => console.error(`plinto-api: housekeeping failed (${error instanceof Error ? error.name : typeof error}); it runs again within the hour`),
  undefined,
  { db: runtime.database.db, deps: runtime },
);

/**
 * oidc-provider warns at import on any Node before 22. Plinto supports Node 20 on purpose (the
 * whole suite, the OpenID interop tests included, runs on it in CI), so that one line is dropped
 * instead of alarming every start; any other warning passes through.
 */
async function loadOidcEdge() {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("oidc-provider WARNING: Unsupported runtime")) warn(...args);
  };
  try {
    return (await import("./src/edge/oidc")).createOidcEdge;
  } finally {
    console.warn = warn;
  }
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`plinto-api: ${signal}, shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  stopHousekeeping();
  server.close();
  server.closeAllConnections();
  await stopRuntime(runtime).catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
