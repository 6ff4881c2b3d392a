import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const home = () => mkdtempSync(join(tmpdir(), "plinto-config-"));
const goodSecret = "x".repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("runs embedded with no settings, generating a secret once and keeping it", () => {
    const dir = home();
    const first = loadConfig({ PLINTO_HOME: dir });
    expect(first.embedded).toBe(true);
    expect(first.port).toBe(4000);
    expect(first.publicUrl).toBe("http://localhost:4000");
    expect(first.dataDir).toBe(join(dir, "data"));
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, "secret"), "utf8").trim()).toBe(first.secret);
    expect(loadConfig({ PLINTO_HOME: dir }).secret).toBe(first.secret);
  });

  it("names a malformed DATABASE_URL in exactly one line", () => {
    expect(problemsOf({ PLINTO_HOME: home(), DATABASE_URL: "localhost:5432/plinto" })).toEqual([
      expect.stringMatching(/^DATABASE_URL has protocol "localhost:"/),
    ]);
    expect(problemsOf({ PLINTO_HOME: home(), DATABASE_URL: "not a url" })).toEqual([
      "DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)",
    ]);
  });

  it("requires a real secret outside embedded mode", () => {
    const url = "postgres://127.0.0.1:5432/plinto";
    expect(problemsOf({ PLINTO_HOME: home(), DATABASE_URL: url })).toEqual([
      expect.stringMatching(/^PLINTO_SECRET is required when DATABASE_URL is set/),
    ]);
    expect(problemsOf({ PLINTO_HOME: home(), DATABASE_URL: url, PLINTO_SECRET: "short" })).toEqual([
      expect.stringMatching(/^PLINTO_SECRET must be at least 32 characters/),
    ]);
    const config = loadConfig({ PLINTO_HOME: home(), DATABASE_URL: url, PLINTO_SECRET: goodSecret });
    expect(config.embedded).toBe(false);
    expect(config.secret).toBe(goodSecret);
  });

  it("reports every bad variable at once, one line each", () => {
    const problems = problemsOf({
      PLINTO_HOME: home(),
      PORT: "80a",
      REDIS_URL: "http://127.0.0.1:6379",
      SMTP_URL: "mail.example.com",
      PLINTO_API_URL: "ftp://example.com",
    });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT must be a whole number/);
    expect(problems.some((p) => p.startsWith('REDIS_URL has protocol "http:"'))).toBe(true);
    expect(problems.some((p) => p.startsWith("SMTP_URL"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PLINTO_API_URL"))).toBe(true);
    for (const p of problems) expect(p).not.toContain("\n");
  });

  it("reads the sign-ups allowed per address and hour, refusing a value that is not a positive whole number", () => {
    expect(loadConfig({ PLINTO_HOME: home() }).signUpsPerIpPerHour).toBe(10);
    expect(loadConfig({ PLINTO_HOME: home(), PLINTO_SIGN_UPS_PER_IP_PER_HOUR: "250" }).signUpsPerIpPerHour).toBe(250);
    for (const bad of ["0", "-3", "ten", "1.5"]) {
      expect(problemsOf({ PLINTO_HOME: home(), PLINTO_SIGN_UPS_PER_IP_PER_HOUR: bad })).toEqual([
        `PLINTO_SIGN_UPS_PER_IP_PER_HOUR must be a whole number from 1 to 100000 (got "${bad}")`,
      ]);
    }
  });

  it("accepts the production settings CI uses", () => {
    const config = loadConfig({
      PLINTO_HOME: home(),
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/plinto",
      REDIS_URL: "redis://127.0.0.1:6379",
      PLINTO_SECRET: goodSecret,
      PLINTO_API_URL: "https://id.example.com/",
      PORT: "8080",
    });
    expect(config.publicUrl).toBe("https://id.example.com");
    expect(config.port).toBe(8080);
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
  });
});
