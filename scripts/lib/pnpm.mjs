/**
 * Runs the pnpm version pinned in package.json's `packageManager`, on a machine that has only
 * Node and npm: through corepack when it works, otherwise through `npm exec`.
 *
 * Corepack's bundled signature keys go stale when the registry rotates its keys ("No compatible
 * signature found"), so key checks are turned off; the sha512 pinned in `packageManager` is still
 * verified, so the download is still checked against a known hash.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./paths.mjs";

const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager; // pnpm@x.y.z+sha512.…
const version = pinned.split("@")[1].split("+")[0];

const corepackEnv = {
  COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
  COREPACK_INTEGRITY_KEYS: "0",
  COREPACK_ENABLE_STRICT: "0",
};

let launcher;

function findLauncher() {
  if (launcher) return launcher;
  const env = { ...process.env, ...corepackEnv };
  const viaCorepack = spawnSync("corepack", ["pnpm", "--version"], { cwd: root, env, encoding: "utf8" });
  if (viaCorepack.status === 0 && viaCorepack.stdout.trim() === version) {
    launcher = { command: "corepack", prefix: ["pnpm"], env: corepackEnv };
  } else {
    launcher = { command: "npm", prefix: ["exec", "--yes", `pnpm@${version}`, "--"], env: {} };
  }
  return launcher;
}

/**
 * Turbo looks for a `pnpm` executable on PATH, which corepack alone does not provide (its shims
 * need `corepack enable`, which writes into Node's own folder). A one-line shim in the project's
 * node_modules, first on PATH for our children, stands in.
 */
function shimDir() {
  const { command, prefix } = findLauncher();
  const dir = join(root, "node_modules", ".plinto-bin");
  mkdirSync(dir, { recursive: true });
  const quoted = [command, ...prefix].map((part) => `'${part}'`).join(" ");
  writeFileSync(join(dir, "pnpm"), `#!/bin/sh\nexec ${quoted} "$@"\n`);
  chmodSync(join(dir, "pnpm"), 0o755);
  return dir;
}

/** Runs pnpm with `args`, inheriting stdio unless told otherwise; resolves with the exit code. */
export function pnpm(args, options = {}) {
  const { command, prefix, env } = findLauncher();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], {
      cwd: options.cwd ?? root,
      stdio: options.stdio ?? "inherit",
      env: {
        ...process.env,
        ...env,
        // No telemetry from turbo: nothing leaves the machine that the user did not send.
        TURBO_TELEMETRY_DISABLED: "1",
        DO_NOT_TRACK: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
        PATH: `${shimDir()}:${options.env?.PATH ?? process.env.PATH ?? ""}`,
      },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1)));
    options.onChild?.(child);
  });
}

export const pnpmVersion = version;
