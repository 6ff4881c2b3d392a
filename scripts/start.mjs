/**
 * `npm start`: install, build, migrate and seed the embedded database, then run all six sites in
 * production mode until Ctrl-C. A second run reuses the build cache (turbo) and the data (.plinto/).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sites, siteUrl } from "../tooling/next/sites.js";
import { requireNode, step } from "./lib/checks.mjs";
import { plintoHome, root } from "./lib/paths.mjs";
import { pnpm } from "./lib/pnpm.mjs";

requireNode();
const args = new Set(process.argv.slice(2));

async function run(label, pnpmArgs, env) {
  step(label);
  const code = await pnpm(pnpmArgs, { env });
  if (code !== 0) {
    console.error(`\nplinto: ${label.toLowerCase()} failed (exit code ${code}).`);
    process.exit(code);
  }
}

if (!args.has("--skip-install")) await run("Installing dependencies", ["install", "--frozen-lockfile"]);
// Imported only now: it resolves packages that the install above puts in place.
const { siteEnv, startSites } = await import("./lib/sites.mjs");
if (!args.has("--skip-build")) {
  await run("Building the six sites", ["exec", "turbo", "run", "build", "--concurrency=2", "--output-logs=errors-only"], siteEnv());
}
await run("Migrating and seeding the database", ["--filter", "@plinto/api", "seed"], { NODE_ENV: "production" });

step("Starting the sites");
let running;
// Handlers first: whoever reads "Press Ctrl-C" may press it at once, before the banner is done.
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nplinto: ${signal}: stopping the sites…`);
  await running?.stop();
  console.log("plinto: stopped.");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  running = await startSites();
} catch (error) {
  console.error(`\nplinto: ${error.message}`);
  process.exit(1);
}

const credentialsFile = join(plintoHome, "dev-credentials.json");
const credentials = existsSync(credentialsFile) ? JSON.parse(readFileSync(credentialsFile, "utf8")) : undefined;
const width = Math.max(...sites.map((s) => s.title.length));
console.log("\nPlinto is running.\n");
for (const site of sites) console.log(`  ${site.title.padEnd(width)}  ${siteUrl(site.name)}`);
if (credentials) {
  console.log("\n  Demo tenant issuer   " + credentials.tenants.find((t) => t.slug === "demo")?.issuer);
  console.log(`  Demo sign-in         ${credentials.demoUser.email} / ${credentials.demoUser.password} (demo tenant, and the admin dashboard and account portal)`);
  if (credentials.applications?.demo?.spa) console.log(`  Demo SPA client      ${credentials.applications.demo.spa.clientId} (public, PKCE)`);
  if (credentials.apiKeys?.demo) console.log(`  Demo API key         ${credentials.apiKeys.demo.secret}`);
  console.log(`  Credentials file     ${credentialsFile.replace(root + "/", "")}`);
}
console.log("\n  Press Ctrl-C to stop.\n");


const failure = await running.exited;
if (!stopping) {
  console.error(`\nplinto: ${failure?.message ?? "a site stopped"}; stopping the rest.`);
  await running.stop();
  process.exit(1);
}
