/**
 * The configuration a site needs to sign its people in through Plinto's OpenID Provider, read
 * from the variables `scripts/lib/sites.mjs` passes (or the operator sets) and checked all at
 * once, so a bad start names every wrong variable in one go. The site's own `env.ts` calls this
 * with `process.env`; nothing here reads the environment itself.
 */

export interface AuthEnv {
  /** The platform tenant's issuer, e.g. `http://localhost:4000/t/plinto` (no trailing slash). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Encrypts the next-auth session cookie and signs its CSRF token. */
  secret: string;
  /** The site's own public origin, e.g. `http://localhost:3002` (NEXTAUTH_URL, no trailing slash). */
  siteUrl: string;
  /**
   * Plinto's API (the issuer without `/t/{tenant}`), e.g. `http://localhost:4000`. The site asks for
   * access tokens for the resource `{apiUrl}/v1`, and calls the management API with them.
   */
  apiUrl: string;
}

export const AUTH_ENV_VARIABLES = ["PLINTO_OIDC_ISSUER", "PLINTO_OIDC_CLIENT_ID", "PLINTO_OIDC_CLIENT_SECRET", "NEXTAUTH_SECRET", "NEXTAUTH_URL"] as const;

/** The shortest NEXTAUTH_SECRET accepted: 32 characters, as for PLINTO_SECRET. */
export const MIN_SECRET_LENGTH = 32;

/** Thrown when the sign-in configuration is missing or wrong; `problems` has one line per variable. */
export class AuthConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`sign-in is not configured:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "AuthConfigError";
  }
}

/** A tenant's issuer is `{API_URL}/t/{tenant}`. */
const TENANT_ISSUER = /\/t\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const blank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());

/** An absolute http(s) URL, or a line saying what is wrong with it. */
function httpUrl(name: string, raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name} must be an absolute URL such as http://localhost:4000/t/plinto, got "${raw}"`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `${name} must be an http:// or https:// URL, got "${raw}"`;
  if (url.search || url.hash || url.username || url.password) return `${name} must have no query, fragment or credentials, got "${raw}"`;
  return url;
}

/**
 * Reads and checks the sign-in configuration. Throws {@link AuthConfigError} listing every missing
 * or malformed variable; never echoes a secret's value.
 */
export function readAuthEnv(env: Record<string, string | undefined>): AuthEnv {
  const problems: string[] = [];
  const required = (name: (typeof AUTH_ENV_VARIABLES)[number], hint: string) => {
    const value = blank(env[name]);
    if (value === undefined) problems.push(`${name} is not set: ${hint}`);
    return value;
  };

  const issuerRaw = required("PLINTO_OIDC_ISSUER", "the issuer of the platform tenant, e.g. http://localhost:4000/t/plinto");
  const clientId = required("PLINTO_OIDC_CLIENT_ID", "this site's client ID in the platform tenant (npm start reads it from .plinto/dev-credentials.json)");
  const clientSecret = required("PLINTO_OIDC_CLIENT_SECRET", "this site's client secret in the platform tenant (npm start reads it from .plinto/dev-credentials.json)");
  const secret = required("NEXTAUTH_SECRET", `a random string of at least ${MIN_SECRET_LENGTH} characters that encrypts the session cookie`);
  const siteRaw = required("NEXTAUTH_URL", "this site's public address, e.g. http://localhost:3002");

  let issuer: string | undefined;
  if (issuerRaw !== undefined) {
    const url = httpUrl("PLINTO_OIDC_ISSUER", issuerRaw);
    if (typeof url === "string") problems.push(url);
    else issuer = url.href.replace(/\/+$/, "");
    if (issuer !== undefined && !TENANT_ISSUER.test(issuer)) {
      problems.push(`PLINTO_OIDC_ISSUER must be a Plinto tenant's issuer ending in /t/<tenant>, e.g. http://localhost:4000/t/plinto, got "${issuerRaw}"`);
    }
  }

  let siteUrl: string | undefined;
  if (siteRaw !== undefined) {
    const url = httpUrl("NEXTAUTH_URL", siteRaw);
    if (typeof url === "string") problems.push(url);
    else if (url.pathname !== "/") problems.push(`NEXTAUTH_URL must be the site's origin with no path (e.g. http://localhost:3002), got "${siteRaw}"`);
    else siteUrl = url.origin;
  }

  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    problems.push(`NEXTAUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters long (it has ${secret.length})`);
  }

  if (problems.length > 0) throw new AuthConfigError(problems);
  return {
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    secret: secret!,
    siteUrl: siteUrl!,
    apiUrl: issuer!.replace(TENANT_ISSUER, ""),
  };
}

/** The slug of the tenant an issuer belongs to (`…/t/{tenant}`): whose accounts the site signs in. */
export function tenantOfIssuer(issuer: string): string {
  const match = TENANT_ISSUER.exec(issuer.replace(/\/+$/, ""));
  if (!match) throw new AuthConfigError([`"${issuer}" is not a Plinto tenant's issuer ending in /t/<tenant>`]);
  return match[0].slice("/t/".length);
}

/**
 * For a site's `instrumentation.ts`: checks the configuration once, when the server starts, and
 * stops the process (exit code 1) with one line per bad variable, prefixed with `label`, instead
 * of failing at the first sign-in. Other errors are not swallowed.
 */
export function checkAuthEnvAtStart(
  env: Record<string, string | undefined>,
  label: string,
  io: { log?: (line: string) => void; exit?: (code: number) => void } = {},
): void {
  const log = io.log ?? ((line: string) => console.error(line));
  const exit = io.exit ?? ((code: number) => process.exit(code));
  try {
    readAuthEnv(env);
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    log(`${label}: cannot start, sign-in is not configured:`);
    for (const problem of error.problems) log(`${label}:   ${problem}`);
    exit(1);
  }
}
