/**
 * `npm test`: install, then every package's type check, lint and unit tests, the production build
 * of the six sites, and the Playwright suite in Debian's Chromium. DATABASE_URL / REDIS_URL are
 * used when set (each suite makes its own fresh database on that server); embedded defaults when not.
 * Ends with one "N passed, N failed" line over all suites.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { requireNode, step } from "./lib/checks.mjs";
import { pnpm } from "./lib/pnpm.mjs";

requireNode();
const chromium = process.env.PLINTO_CHROMIUM ?? "/usr/bin/chromium";
let passed = 0;
let failed = 0;
const failures = [];

// eslint-disable-next-line no-control-regex
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, "");

/** Runs pnpm, echoing its output, and adds up the test counts vitest and Playwright print. */
async function run(label, args) {
  step(label);
  let transcript = "";
  const code = await pnpm(args, {
    stdio: ["ignore", "pipe", "pipe"],
    onChild(child) {
      for (const stream of [child.stdout, child.stderr]) {
        stream.on("data", (chunk) => {
          process.stdout.write(chunk);
          transcript += chunk.toString();
        });
      }
    },
  });
  const text = stripAnsi(transcript);
  for (const m of text.matchAll(/Tests\s+(?:(\d+) failed \| )?(\d+) passed/g)) {
    failed += Number(m[1] ?? 0);
    passed += Number(m[2]);
  }
  for (const m of text.matchAll(/Tests\s+(\d+) failed \((\d+)\)/g)) failed += Number(m[1]);
  for (const m of text.matchAll(/^\s+(\d+) passed \([\d.]+(?:ms|s|m|h)\)/gm)) passed += Number(m[1]);
  for (const m of text.matchAll(/^\s+(\d+) failed$/gm)) failed += Number(m[1]);
  if (code !== 0) failures.push(`${label} (exit code ${code})`);
  return code;
}

function ensureChromium() {
  if (existsSync(chromium)) return true;
  const canInstall = process.getuid?.() === 0 && spawnSync("which", ["apt-get"]).status === 0;
  if (!canInstall) {
    console.error(`plinto: ${chromium} is missing; install Debian's chromium (apt-get install chromium) to run the browser tests.`);
    return false;
  }
  step("Installing Debian's chromium for the browser tests");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return install.status === 0 && existsSync(chromium);
}

const started = Date.now();
if ((await run("Installing dependencies", ["install", "--frozen-lockfile"])) !== 0) process.exit(1);
await run("Type checks, lint, unit tests and builds", [
  "exec",
  "turbo",
  "run",
  "typecheck",
  "lint",
  "test",
  "build",
  "--concurrency=2",
  "--continue",
]);
if (failures.length === 0) {
  if (ensureChromium()) await run("Browser tests (Playwright in Chromium)", ["--filter", "@plinto/e2e", "e2e"]);
  else failures.push("browser tests (no Chromium)");
} else {
  console.error("\nplinto: skipping the browser tests because the steps above failed.");
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\nplinto: tests finished in ${minutes} min${failures.length ? `; failed: ${failures.join(", ")}` : ""}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
