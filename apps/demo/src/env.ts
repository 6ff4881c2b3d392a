import { siteUrl, type SiteName } from "@plinto/next-config/sites";

/**
 * This site's view of its configuration: where the other Plinto sites live. Read on every call,
 * not at import, so one build serves any `PLINTO_<SITE>_URL` / `PLINTO_PORT_OFFSET` it is started
 * with; the pages that call these are rendered per request (`dynamic = "force-dynamic"`).
 */
export function urlOf(site: SiteName): string {
  return siteUrl(site);
}

/** The Plinto deployments the demo can run its flows against. */
export const ENVIRONMENT_NAMES = ["local", "staging", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** One deployment: its API, the tenant the demo signs in to there, and the demo's application in it. */
export interface EnvironmentConfig {
  name: EnvironmentName;
  label: string;
  /** The API's base URL, e.g. `http://localhost:4000`; the issuer is `{apiUrl}/t/{tenant}`. */
  apiUrl: string;
  tenant: string;
  /** Undefined when this deployment has no demo application configured: its flows cannot run. */
  clientId: string | undefined;
  clientSecret: string | undefined;
}

const LABELS: Record<EnvironmentName, string> = { local: "Local", staging: "Staging", production: "Production" };
/** Where the hosted Plinto deployments live unless `PLINTO_DEMO_<ENV>_API_URL` says otherwise. */
const DEFAULT_API_URLS: Record<Exclude<EnvironmentName, "local">, string> = {
  staging: "https://api.staging.plinto.dev",
  production: "https://api.plinto.dev",
};

const blank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());
const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * The environments, from the environment variables (read per call, see `urlOf`):
 *
 * - `local`: the API this demo was started with (`PLINTO_API_URL`), the `demo` tenant, and the
 *   demo's application from the seed (`PLINTO_DEMO_OIDC_CLIENT_ID` / `_SECRET`, set by `npm start`);
 * - `staging` and `production`: `PLINTO_DEMO_<ENV>_API_URL` (default `https://api.staging.plinto.dev`
 *   and `https://api.plinto.dev`), `PLINTO_DEMO_<ENV>_TENANT` (default `demo`) and
 *   `PLINTO_DEMO_<ENV>_CLIENT_ID` / `_CLIENT_SECRET` (no default: without them the flows say so).
 */
export function environments(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig[] {
  return ENVIRONMENT_NAMES.map((name) => {
    if (name === "local") {
      return {
        name,
        label: LABELS[name],
        apiUrl: withoutTrailingSlash(blank(env.PLINTO_DEMO_LOCAL_API_URL) ?? siteUrl("api", env)),
        tenant: blank(env.PLINTO_DEMO_LOCAL_TENANT) ?? "demo",
        clientId: blank(env.PLINTO_DEMO_OIDC_CLIENT_ID),
        clientSecret: blank(env.PLINTO_DEMO_OIDC_CLIENT_SECRET),
      };
    }
    const prefix = `PLINTO_DEMO_${name.toUpperCase()}_`;
    return {
      name,
      label: LABELS[name],
      apiUrl: withoutTrailingSlash(blank(env[`${prefix}API_URL`]) ?? DEFAULT_API_URLS[name]),
      tenant: blank(env[`${prefix}TENANT`]) ?? "demo",
      clientId: blank(env[`${prefix}CLIENT_ID`]),
      clientSecret: blank(env[`${prefix}CLIENT_SECRET`]),
    };
  });
}

const MIN_SECRET_LENGTH = 32;
let developmentSecret: string | undefined;

/**
 * The secret the session cookie is encrypted with (`PLINTO_DEMO_SESSION_SECRET`, at least 32
 * characters; `npm start` keeps one in `.plinto/demo-session-secret`). Under `next dev` without it
 * the demo makes one for the life of the process (sessions end at a restart); in production it
 * has no default, and the flows say it is missing.
 */
export function sessionSecret(env: NodeJS.ProcessEnv = process.env): { secret: string } | { problem: string } {
  const configured = blank(env.PLINTO_DEMO_SESSION_SECRET);
  if (configured !== undefined) {
    if (configured.length < MIN_SECRET_LENGTH) return { problem: `PLINTO_DEMO_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters` };
    return { secret: configured };
  }
  if (env.NODE_ENV === "production") return { problem: "PLINTO_DEMO_SESSION_SECRET is not set" };
  developmentSecret ??= crypto.getRandomValues(new Uint8Array(32)).reduce((text, byte) => text + byte.toString(16).padStart(2, "0"), "");
  return { secret: developmentSecret };
}
