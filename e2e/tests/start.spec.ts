import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { sites, siteUrl } from "@plinto/next-config/sites";

// `npm start` itself, on the embedded defaults, as a person runs it: it prints every URL and the
// demo sign-in, Ctrl-C (SIGINT to the whole process group) stops every site, and a second run
// keeps the data. Builds are reused from the suite's own build step.
const root = join(import.meta.dirname, "..", "..");
const home = mkdtempSync(join(tmpdir(), "plinto-start-"));
const env: NodeJS.ProcessEnv = { ...process.env, PLINTO_HOME: home, PLINTO_PORT_OFFSET: "20000" };
delete env.DATABASE_URL;
delete env.REDIS_URL;
delete env.PLINTO_SECRET;

function start(): { child: ChildProcess; output: () => string; running: Promise<void> } {
  const child = spawn(process.execPath, ["scripts/start.mjs", "--skip-install", "--skip-build"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const running = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C to stop.")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npm start exited early (${code}):\n${output.slice(-3000)}`)));
  });
  return { child, output: () => output, running };
}

function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    process.kill(-child.pid!, "SIGINT");
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

test("npm start: prints the sites and demo sign-in, stops on Ctrl-C, keeps data", async () => {
  test.setTimeout(240_000);
  const first = start();
  await first.running;
  const printed = first.output();
  for (const site of sites) expect(printed).toContain(siteUrl(site.name, env));
  const credentials = JSON.parse(readFileSync(join(home, "dev-credentials.json"), "utf8"));
  expect(printed).toContain(`${credentials.demoUser.email} / ${credentials.demoUser.password}`);
  const ready = await fetch(`${siteUrl("api", env)}/ready`);
  expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { driver: "pglite" } } });

  expect(await interrupt(first.child)).toBe(0);
  for (const site of sites) expect(await answers(siteUrl(site.name, env)), site.name).toBe(false);
  expect(existsSync(join(home, "data.lock"))).toBe(false);

  const second = start();
  await second.running;
  const again = JSON.parse(readFileSync(join(home, "dev-credentials.json"), "utf8"));
  expect(again.demoUser.password).toBe(credentials.demoUser.password);
  expect(again.tenants).toEqual(credentials.tenants);
  expect(await interrupt(second.child)).toBe(0);
});
