import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const apiDir = join(import.meta.dirname, "..");

/** Starts the real server entry point and returns what it printed when it gave up. */
function startWith(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: apiDir,
    // Only these variables: the child must not inherit the test run's database or secrets.
    env: { PATH: process.env.PATH ?? "", PLINTO_HOME: mkdtempSync(join(tmpdir(), "plinto-srv-")), PORT: "4999", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const lines = result.stderr.split("\n").filter((l) => l.trim() !== "" && !l.includes("ExperimentalWarning"));
  return { status: result.status, lines };
}

describe("server start-up", () => {
  it("stops with one clear line for a malformed DATABASE_URL", () => {
    const { status, lines } = startWith({ DATABASE_URL: "postgress//localhost/plinto" });
    expect(status).toBe(1);
    expect(lines).toEqual(["plinto-api: DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)"]);
  });

  it("stops with one clear line, and no password, when PostgreSQL cannot be reached", () => {
    const { status, lines } = startWith({
      DATABASE_URL: "postgres://plinto:s3cret-pw@127.0.0.1:1/plinto",
      PLINTO_SECRET: "y".repeat(40),
    });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^plinto-api: cannot connect to PostgreSQL at postgres:\/\/plinto:\*\*\*@127\.0\.0\.1:1\/plinto: connection refused/);
    expect(lines.join("\n")).not.toContain("s3cret-pw");
  });
});
