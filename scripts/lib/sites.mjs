/**
 * Starting and stopping the six sites as child processes: the start command and the e2e suite
 * share this, so both run exactly what a user runs.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { siteAuthEnv } from "../../tooling/next/site-auth.js";
import { sitePort, sites, siteUrl } from "../../tooling/next/sites.js";
import { root } from "./paths.mjs";

/** Every site's public URL, passed to each so they find one another. */
export function siteEnv(env = process.env) {
  const urls = {};
  for (const site of sites) urls[`PLINTO_${site.name.toUpperCase()}_URL`] = siteUrl(site.name, env);
  return { ...urls, PLINTO_API_URL: siteUrl("api", env) };
}

/**
 * Where the sites listen: as the API does (apps/api/src/lib/config.ts), `HOST` when set, else
 * loopback in embedded mode — the demo shows the development outbox, whose mail holds live
 * sign-in links, so in that mode nothing may answer from the network.
 * @param {NodeJS.ProcessEnv} env
 */
function listenHost(env) {
  return env.HOST?.trim() || (env.DATABASE_URL?.trim() ? undefined : "127.0.0.1");
}

function commandFor(name, port, host) {
  const dir = join(root, "apps", name);
  if (name === "api") {
    const tsx = createRequire(join(dir, "package.json")).resolve("tsx");
    return { dir, args: ["--import", tsx, "server.ts"], env: { PORT: String(port) } };
  }
  const nextBin = createRequire(join(dir, "package.json")).resolve("next/dist/bin/next");
  return { dir, args: [nextBin, "start", "--port", String(port), ...(host ? ["--hostname", host] : [])], env: {} };
}

/**
 * Writes a child's output line by line behind its site's name.
 * @param {import("node:stream").Readable} stream @param {string} name @param {NodeJS.WritableStream} out
 */
function prefixed(stream, name, out) {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop();
    for (const line of lines) out.write(`${name.padEnd(6)}| ${line}\n`);
  });
}

/**
 * Starts all six sites in production mode. Resolves once each answers HTTP; rejects (after stopping
 * the others) when one exits or does not come up in time. Run it after the seed: the admin
 * dashboard and the account portal get their client of the platform tenant from the seed's
 * `dev-credentials.json` in the Plinto home (`PLINTO_HOME` in `env`), unless `env` names one.
 *
 * @param {{ env?: NodeJS.ProcessEnv; log?: NodeJS.WritableStream; timeoutMs?: number }} [options]
 */
export async function startSites({ env = process.env, log = process.stdout, timeoutMs = 120_000 } = {}) {
  const children = new Map();
  let stopping = false;
  let failure;
  const shared = { ...env, NODE_ENV: "production", ...siteEnv(env) };
  // Before any child starts, so an unreadable credentials file stops nothing half-way.
  const signInEnv = siteAuthEnv(env);
  const ownEnv = new Map(sites.map((site) => [site.name, signInEnv(site.name)]));

  const exited = new Promise((resolve) => {
    for (const site of sites) {
      const port = sitePort(site.name, env);
      const { dir, args, env: own } = commandFor(site.name, port, listenHost(env));
      const child = spawn(process.execPath, args, { cwd: dir, env: { ...shared, ...ownEnv.get(site.name), ...own }, stdio: ["ignore", "pipe", "pipe"] });
      children.set(site.name, child);
      prefixed(child.stdout, site.name, log);
      prefixed(child.stderr, site.name, log);
      child.on("exit", (code, signal) => {
        children.delete(site.name);
        if (!stopping) {
          failure ??= new Error(`${site.name} stopped (${signal ?? `exit code ${code}`})`);
          resolve();
        }
        if (children.size === 0) resolve();
      });
    }
  });

  async function stop() {
    stopping = true;
    for (const child of children.values()) child.kill("SIGTERM");
    const deadline = Date.now() + 15_000;
    while (children.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const child of children.values()) child.kill("SIGKILL");
  }

  const deadline = Date.now() + timeoutMs;
  for (const site of sites) {
    const url = site.name === "api" ? `${siteUrl("api", env)}/ready` : siteUrl(site.name, env);
    for (;;) {
      if (failure) break;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (response.status < 500) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        failure = new Error(`${site.name} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s`);
        break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    if (failure) break;
  }
  if (failure) {
    await stop();
    throw failure;
  }
  return { stop, exited: exited.then(() => failure) };
}
