import { checkAuthEnvAtStart, readAuthEnv, type AuthEnv } from "@plinto/auth/env";
import { siteUrl, type SiteName } from "@plinto/next-config/sites";

/**
 * This site's view of its configuration: where the other Plinto sites live. Read on every call,
 * not at import, so one build serves any `PLINTO_<SITE>_URL` / `PLINTO_PORT_OFFSET` it is started
 * with; the pages that call these are rendered per request (`dynamic = "force-dynamic"`).
 */
export function urlOf(site: SiteName): string {
  return siteUrl(site);
}

/**
 * How the account portal signs people in through the platform tenant: `PLINTO_OIDC_ISSUER`,
 * `PLINTO_OIDC_CLIENT_ID`, `PLINTO_OIDC_CLIENT_SECRET`, `NEXTAUTH_SECRET`, `NEXTAUTH_URL`
 * (`npm start` sets them from the seed; see tooling/next/site-auth.js). Throws when one is bad.
 */
export function authEnv(): AuthEnv {
  return readAuthEnv(process.env);
}

/** Called once as the server starts (instrumentation.ts): stops it with a line per bad variable. */
export function checkEnvAtStart(): void {
  checkAuthEnvAtStart(process.env, "plinto-app");
}
