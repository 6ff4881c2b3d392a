/**
 * The sign-in configuration of the sites that sign their people in through the platform tenant
 * (`admin`, `app`), and of the demo, which signs people in to the demo tenant, for whoever starts them (scripts/lib/sites.mjs: `npm start` and the e2e suite).
 * Node only: it reads the seed's `dev-credentials.json` and keeps the next-auth secret in the
 * Plinto home directory. The sites themselves only read the variables (packages/auth, env.ts).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { siteUrl } from "./sites.js";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The platform tenant, whose OpenID Provider the admin dashboard and account portal use. */
export const PLATFORM_TENANT = "plinto";

/** Sites that sign in through the platform tenant → their key in `applications.plinto`. */
export const signInSites = /** @type {const} */ ({ admin: "admin", app: "app" });

/** The demo tenant, and the demo site's application there (`applications.demo.web`). */
export const DEMO_TENANT = "demo";
const DEMO_APPLICATION = "web";

const MIN_SECRET_LENGTH = 32;

/** @param {string | undefined} value */
const blank = (value) => (value === undefined || value.trim() === "" ? undefined : value.trim());

/** `PLINTO_HOME`, or `.plinto` in the project: where the seed writes `dev-credentials.json`. @param {NodeJS.ProcessEnv} [env] */
export function plintoHome(env = process.env) {
  return resolve(blank(env.PLINTO_HOME) ?? join(projectRoot, ".plinto"));
}

/**
 * The seed's `dev-credentials.json` in `home`, or undefined when there is none yet.
 * @param {string} home
 * @returns {{ applications?: Record<string, Record<string, { clientId?: string; clientSecret?: string }>> } | undefined}
 */
export function readDevCredentials(home) {
  const file = join(home, "dev-credentials.json");
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); delete it and seed again`);
  }
}

/**
 * The next-auth secret kept in `<home>/nextauth-secret` (mode 600): made once, then the same on
 * every start, so sessions survive a restart.
 * @param {string} home
 */
export function nextAuthSecret(home) {
  return storedSecret(home, "nextauth-secret");
}

/**
 * A random secret kept in `<home>/<name>` (mode 600): made once, then the same on every start.
 * @param {string} home
 * @param {string} name
 */
export function storedSecret(home, name) {
  const file = join(home, name);
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= MIN_SECRET_LENGTH) {
      chmodSync(file, 0o600);
      return stored;
    }
  }
  mkdirSync(home, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * A function giving each site the variables it signs in with: `PLINTO_OIDC_ISSUER`,
 * `PLINTO_OIDC_CLIENT_ID`, `PLINTO_OIDC_CLIENT_SECRET`, `NEXTAUTH_SECRET` and `NEXTAUTH_URL`
 * (nothing for sites that do not sign in). What the operator set wins:
 *
 * - client ID / secret: `PLINTO_<SITE>_OIDC_CLIENT_ID` / `_SECRET`, then `PLINTO_OIDC_CLIENT_ID` /
 *   `_SECRET`, then `applications.plinto.<site>` in `dev-credentials.json`;
 * - issuer: `PLINTO_OIDC_ISSUER`, then `$PLINTO_API_URL/t/plinto`;
 * - `NEXTAUTH_SECRET`, then `<home>/nextauth-secret` (made on first use);
 * - `NEXTAUTH_URL` is always the site's own address (`PLINTO_<SITE>_URL` moves it), as one value
 *   cannot serve two sites.
 *
 * The credentials file and the secret are read once, on the first site that needs them.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @param {{ home?: string }} [options]
 * @returns {(site: string) => Record<string, string>}
 */
export function siteAuthEnv(env = process.env, options = {}) {
  const home = options.home ?? plintoHome(env);
  /** @type {{ credentials: ReturnType<typeof readDevCredentials>; secret: string } | undefined} */
  let loaded;
  const load = () => {
    if (!loaded) {
      const credentials = readDevCredentials(home);
      const secret = blank(env.NEXTAUTH_SECRET) ?? nextAuthSecret(home);
      loaded = { credentials, secret };
    }
    return loaded;
  };

  return (site) => {
    if (site === "demo") return demoEnv();
    if (!Object.hasOwn(signInSites, site)) return {};
    const key = signInSites[/** @type {keyof typeof signInSites} */ (site)];
    const { credentials, secret } = load();
    const application = credentials?.applications?.[PLATFORM_TENANT]?.[key];
    const prefix = `PLINTO_${site.toUpperCase()}_`;
    /** @type {Record<string, string | undefined>} */
    const vars = {
      PLINTO_OIDC_ISSUER: blank(env.PLINTO_OIDC_ISSUER) ?? `${siteUrl("api", env)}/t/${PLATFORM_TENANT}`,
      PLINTO_OIDC_CLIENT_ID: blank(env[`${prefix}OIDC_CLIENT_ID`]) ?? blank(env.PLINTO_OIDC_CLIENT_ID) ?? application?.clientId,
      PLINTO_OIDC_CLIENT_SECRET: blank(env[`${prefix}OIDC_CLIENT_SECRET`]) ?? blank(env.PLINTO_OIDC_CLIENT_SECRET) ?? application?.clientSecret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: siteUrl(/** @type {import("./sites.js").SiteName} */ (site), env),
    };
    // Left out when unknown: the site then stops at start with a line naming the variable.
    return Object.fromEntries(Object.entries(vars).filter(([, value]) => value !== undefined));
  };

  /**
   * The demo signs people in to the demo tenant as its own confidential application and keeps
   * their tokens in an encrypted cookie: `PLINTO_DEMO_OIDC_CLIENT_ID` / `_SECRET` (what the
   * operator set, else `applications.demo.web`) and `PLINTO_DEMO_SESSION_SECRET` (what the operator
   * set, else `<home>/demo-session-secret`, made on first use).
   */
  function demoEnv() {
    const application = load().credentials?.applications?.[DEMO_TENANT]?.[DEMO_APPLICATION];
    /** @type {Record<string, string | undefined>} */
    const vars = {
      PLINTO_DEMO_OIDC_CLIENT_ID: blank(env.PLINTO_DEMO_OIDC_CLIENT_ID) ?? application?.clientId,
      PLINTO_DEMO_OIDC_CLIENT_SECRET: blank(env.PLINTO_DEMO_OIDC_CLIENT_SECRET) ?? application?.clientSecret,
      PLINTO_DEMO_SESSION_SECRET: blank(env.PLINTO_DEMO_SESSION_SECRET) ?? storedSecret(home, "demo-session-secret"),
    };
    return Object.fromEntries(Object.entries(vars).filter(([, value]) => value !== undefined));
  }
}
