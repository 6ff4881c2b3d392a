import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nextAuthSecret, plintoHome, readDevCredentials, siteAuthEnv } from "./site-auth.js";

let home;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "plinto-site-auth-"));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeCredentials(applications) {
  writeFileSync(join(home, "dev-credentials.json"), JSON.stringify({ apiUrl: "http://localhost:4000", applications }));
}

const seeded = {
  plinto: {
    admin: { clientId: "plinto-admin", clientSecret: "plinto_cs_admin", redirectUris: [], postLogoutRedirectUris: [] },
    app: { clientId: "plinto-app", clientSecret: "plinto_cs_app", redirectUris: [], postLogoutRedirectUris: [] },
  },
  demo: {
    spa: { clientId: "demo-spa" },
    web: { clientId: "plinto-demo", clientSecret: "plinto_cs_demo", redirectUris: [], postLogoutRedirectUris: [] },
  },
};

describe("siteAuthEnv", () => {
  it("gives admin and app their own application from dev-credentials.json, the issuer and their own URL", () => {
    writeCredentials(seeded);
    const forSite = siteAuthEnv({ PLINTO_HOME: home }, {});
    const admin = forSite("admin");
    const app = forSite("app");
    expect(admin).toEqual({
      PLINTO_OIDC_ISSUER: "http://localhost:4000/t/plinto",
      PLINTO_OIDC_CLIENT_ID: "plinto-admin",
      PLINTO_OIDC_CLIENT_SECRET: "plinto_cs_admin",
      NEXTAUTH_SECRET: expect.stringMatching(/^[\w-]{43}$/),
      NEXTAUTH_URL: "http://localhost:3002",
    });
    expect(app).toMatchObject({ PLINTO_OIDC_CLIENT_ID: "plinto-app", PLINTO_OIDC_CLIENT_SECRET: "plinto_cs_app", NEXTAUTH_URL: "http://localhost:3003" });
    expect(app.NEXTAUTH_SECRET).toBe(admin.NEXTAUTH_SECRET);
  });

  it("gives nothing to sites that do not sign in", () => {
    writeCredentials(seeded);
    const forSite = siteAuthEnv({ PLINTO_HOME: home });
    for (const site of ["api", "www", "docs", "toString", "__proto__"]) expect(forSite(site)).toEqual({});
  });

  it("gives the demo its application in the demo tenant and a session secret kept in the home", () => {
    writeCredentials(seeded);
    const demo = siteAuthEnv({ PLINTO_HOME: home })("demo");
    expect(demo).toEqual({
      PLINTO_DEMO_OIDC_CLIENT_ID: "plinto-demo",
      PLINTO_DEMO_OIDC_CLIENT_SECRET: "plinto_cs_demo",
      PLINTO_DEMO_SESSION_SECRET: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(readFileSync(join(home, "demo-session-secret"), "utf8").trim()).toBe(demo.PLINTO_DEMO_SESSION_SECRET);
    expect(statSync(join(home, "demo-session-secret")).mode & 0o777).toBe(0o600);
    // The same secret on the next start, and not the admin dashboard's.
    expect(siteAuthEnv({ PLINTO_HOME: home })("demo").PLINTO_DEMO_SESSION_SECRET).toBe(demo.PLINTO_DEMO_SESSION_SECRET);
    expect(siteAuthEnv({ PLINTO_HOME: home })("admin").NEXTAUTH_SECRET).not.toBe(demo.PLINTO_DEMO_SESSION_SECRET);
    // What the operator set wins.
    const operator = siteAuthEnv({
      PLINTO_HOME: home,
      PLINTO_DEMO_OIDC_CLIENT_ID: "their-demo",
      PLINTO_DEMO_OIDC_CLIENT_SECRET: "their-secret",
      PLINTO_DEMO_SESSION_SECRET: "operator-chosen-secret-of-enough-length",
    })("demo");
    expect(operator).toEqual({
      PLINTO_DEMO_OIDC_CLIENT_ID: "their-demo",
      PLINTO_DEMO_OIDC_CLIENT_SECRET: "their-secret",
      PLINTO_DEMO_SESSION_SECRET: "operator-chosen-secret-of-enough-length",
    });
  });

  it("follows PLINTO_API_URL, PLINTO_<SITE>_URL and PLINTO_PORT_OFFSET", () => {
    writeCredentials(seeded);
    expect(siteAuthEnv({ PLINTO_HOME: home, PLINTO_PORT_OFFSET: "10000" })("admin")).toMatchObject({
      PLINTO_OIDC_ISSUER: "http://localhost:14000/t/plinto",
      NEXTAUTH_URL: "http://localhost:13002",
    });
    expect(
      siteAuthEnv({ PLINTO_HOME: home, PLINTO_API_URL: "https://id.example.com/", PLINTO_APP_URL: "https://account.example.com" })("app"),
    ).toMatchObject({ PLINTO_OIDC_ISSUER: "https://id.example.com/t/plinto", NEXTAUTH_URL: "https://account.example.com" });
  });

  it("lets what the operator set win over the file: per site first, then for every site", () => {
    writeCredentials(seeded);
    const env = {
      PLINTO_HOME: home,
      PLINTO_OIDC_ISSUER: "https://id.example.com/t/plinto",
      PLINTO_OIDC_CLIENT_ID: "shared-id",
      PLINTO_ADMIN_OIDC_CLIENT_ID: "admin-id",
      PLINTO_ADMIN_OIDC_CLIENT_SECRET: "admin-secret",
      NEXTAUTH_SECRET: "operator-chosen-secret-of-enough-length",
      NEXTAUTH_URL: "http://ignored.example",
    };
    const forSite = siteAuthEnv(env);
    expect(forSite("admin")).toEqual({
      PLINTO_OIDC_ISSUER: "https://id.example.com/t/plinto",
      PLINTO_OIDC_CLIENT_ID: "admin-id",
      PLINTO_OIDC_CLIENT_SECRET: "admin-secret",
      NEXTAUTH_SECRET: "operator-chosen-secret-of-enough-length",
      NEXTAUTH_URL: "http://localhost:3002",
    });
    expect(forSite("app")).toMatchObject({ PLINTO_OIDC_CLIENT_ID: "shared-id", PLINTO_OIDC_CLIENT_SECRET: "plinto_cs_app" });
    // No secret file is made when the operator gave the secret.
    expect(() => statSync(join(home, "nextauth-secret"))).toThrow();
  });

  it("leaves out what it does not know, so the site names the missing variable when it starts", () => {
    const forSite = siteAuthEnv({ PLINTO_HOME: home });
    expect(Object.keys(forSite("admin")).sort()).toEqual(["NEXTAUTH_SECRET", "NEXTAUTH_URL", "PLINTO_OIDC_ISSUER"]);
    writeCredentials({ demo: {} });
    expect(siteAuthEnv({ PLINTO_HOME: home })("app").PLINTO_OIDC_CLIENT_ID).toBeUndefined();
  });

  it("reads the credentials file once, when the first site asks", () => {
    const forSite = siteAuthEnv({ PLINTO_HOME: home });
    writeCredentials(seeded);
    expect(forSite("admin").PLINTO_OIDC_CLIENT_ID).toBe("plinto-admin");
    writeCredentials({});
    expect(forSite("app").PLINTO_OIDC_CLIENT_ID).toBe("plinto-app");
  });
});

describe("readDevCredentials", () => {
  it("is undefined without a file and says which file is broken", () => {
    expect(readDevCredentials(home)).toBeUndefined();
    writeFileSync(join(home, "dev-credentials.json"), "{ not json");
    expect(() => readDevCredentials(home)).toThrow(`${join(home, "dev-credentials.json")} is not valid JSON`);
  });
});

describe("nextAuthSecret", () => {
  it("is made once, mode 600, and the same on the next start", () => {
    const nested = join(home, "not-yet");
    const first = nextAuthSecret(nested);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(statSync(join(nested, "nextauth-secret")).mode & 0o777).toBe(0o600);
    expect(nextAuthSecret(nested)).toBe(first);
    expect(readFileSync(join(nested, "nextauth-secret"), "utf8").trim()).toBe(first);
  });

  it("replaces a stored secret that is too short", () => {
    writeFileSync(join(home, "nextauth-secret"), "short\n", { mode: 0o644 });
    const secret = nextAuthSecret(home);
    expect(secret).toHaveLength(43);
    expect(statSync(join(home, "nextauth-secret")).mode & 0o777).toBe(0o600);
  });
});

describe("plintoHome", () => {
  it("is PLINTO_HOME when set, else .plinto in the project", () => {
    expect(plintoHome({ PLINTO_HOME: home })).toBe(home);
    expect(plintoHome({ PLINTO_HOME: " " })).toMatch(/\/\.plinto$/);
    expect(plintoHome({})).toBe(join(import.meta.dirname, "..", "..", ".plinto"));
  });
});
