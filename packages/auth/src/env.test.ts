import { describe, expect, it, vi } from "vitest";
import { AuthConfigError, checkAuthEnvAtStart, readAuthEnv, tenantOfIssuer } from "./env";

const good = {
  PLINTO_OIDC_ISSUER: "http://localhost:4000/t/plinto",
  PLINTO_OIDC_CLIENT_ID: "plinto-admin",
  PLINTO_OIDC_CLIENT_SECRET: "plinto_cs_abc",
  NEXTAUTH_SECRET: "x".repeat(43),
  NEXTAUTH_URL: "http://localhost:3002",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    readAuthEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigError);
    return (error as AuthConfigError).problems;
  }
  throw new Error("expected an AuthConfigError");
}

describe("readAuthEnv", () => {
  it("reads a complete configuration", () => {
    expect(readAuthEnv(good)).toEqual({
      issuer: "http://localhost:4000/t/plinto",
      clientId: "plinto-admin",
      clientSecret: "plinto_cs_abc",
      secret: "x".repeat(43),
      siteUrl: "http://localhost:3002",
      apiUrl: "http://localhost:4000",
    });
    expect(readAuthEnv({ ...good, PLINTO_OIDC_ISSUER: "https://id.example.com/auth/t/plinto" }).apiUrl).toBe("https://id.example.com/auth");
    expect(tenantOfIssuer(readAuthEnv(good).issuer)).toBe("plinto");
    expect(tenantOfIssuer(readAuthEnv({ ...good, PLINTO_OIDC_ISSUER: "https://id.example.com/t/acme-prod/" }).issuer)).toBe("acme-prod");
    expect(() => tenantOfIssuer("https://id.example.com/realms/acme")).toThrow(AuthConfigError);
    expect(problemsOf({ ...good, PLINTO_OIDC_ISSUER: "https://id.example.com/realms/plinto" })).toEqual([expect.stringContaining("ending in /t/<tenant>")]);
  });

  it("drops trailing slashes from the issuer and the site address", () => {
    const env = readAuthEnv({ ...good, PLINTO_OIDC_ISSUER: "https://id.example.com/t/plinto/", NEXTAUTH_URL: "https://admin.example.com/" });
    expect(env.issuer).toBe("https://id.example.com/t/plinto");
    expect(env.siteUrl).toBe("https://admin.example.com");
  });

  it("names every missing variable at once, blank counting as missing", () => {
    const problems = problemsOf({ PLINTO_OIDC_CLIENT_ID: "  " });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "PLINTO_OIDC_ISSUER",
      "PLINTO_OIDC_CLIENT_ID",
      "PLINTO_OIDC_CLIENT_SECRET",
      "NEXTAUTH_SECRET",
      "NEXTAUTH_URL",
    ]);
    for (const problem of problems) expect(problem).toContain("is not set");
  });

  it("refuses malformed addresses with a line naming the variable", () => {
    expect(problemsOf({ ...good, PLINTO_OIDC_ISSUER: "localhost:4000/t/plinto" })).toEqual([
      expect.stringMatching(/^PLINTO_OIDC_ISSUER must be an (absolute URL|http:\/\/ or https:\/\/ URL)/),
    ]);
    expect(problemsOf({ ...good, PLINTO_OIDC_ISSUER: "ftp://id.example.com/t/plinto" })).toEqual([expect.stringContaining("http:// or https://")]);
    expect(problemsOf({ ...good, PLINTO_OIDC_ISSUER: "https://id.example.com/t/plinto?x=1" })).toEqual([expect.stringContaining("no query")]);
    expect(problemsOf({ ...good, NEXTAUTH_URL: "not a url" })).toEqual([expect.stringMatching(/^NEXTAUTH_URL must be an absolute URL/)]);
    expect(problemsOf({ ...good, NEXTAUTH_URL: "http://localhost:3002/admin" })).toEqual([expect.stringContaining("no path")]);
  });

  it("refuses a short NEXTAUTH_SECRET without echoing it", () => {
    const problems = problemsOf({ ...good, NEXTAUTH_SECRET: "short-secret" });
    expect(problems).toEqual(["NEXTAUTH_SECRET must be at least 32 characters long (it has 12)"]);
    expect(problems.join("\n")).not.toContain("short-secret");
  });

  it("says what is wrong in its message, one line per variable", () => {
    const error = (() => {
      try {
        readAuthEnv({ ...good, PLINTO_OIDC_CLIENT_SECRET: undefined, NEXTAUTH_SECRET: "tiny" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message.split("\n")).toEqual([
      "sign-in is not configured:",
      expect.stringMatching(/^ {2}PLINTO_OIDC_CLIENT_SECRET is not set/),
      expect.stringMatching(/^ {2}NEXTAUTH_SECRET must be at least 32 characters/),
    ]);
  });
});

describe("checkAuthEnvAtStart", () => {
  it("does nothing when the configuration is good", () => {
    const log = vi.fn();
    const exit = vi.fn();
    checkAuthEnvAtStart(good, "plinto-admin", { log, exit });
    expect(log).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });

  it("prints one line per problem behind the site's name and exits with 1", () => {
    const log = vi.fn();
    const exit = vi.fn();
    checkAuthEnvAtStart({ ...good, PLINTO_OIDC_CLIENT_ID: "", NEXTAUTH_URL: "http://localhost:3002/x" }, "plinto-admin", { log, exit });
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      "plinto-admin: cannot start, sign-in is not configured:",
      expect.stringMatching(/^plinto-admin: {3}PLINTO_OIDC_CLIENT_ID is not set/),
      expect.stringMatching(/^plinto-admin: {3}NEXTAUTH_URL must be the site's origin/),
    ]);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
