import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { checkDatabaseUrl } from "@plinto/db";
import { siteUrl } from "@plinto/next-config/sites";
import { checkMailFrom, DEFAULT_MAIL_FROM } from "./mail/message";

/**
 * The API's whole configuration, read from the environment once at start-up. Each bad variable
 * gives one line naming it and saying what is wrong; nothing secret has a default except in the
 * embedded development mode (no DATABASE_URL), where a secret is generated and kept in `.plinto/`.
 */
export interface Config {
  /** Embedded mode: PGlite, in-memory rate limits, dev mail outbox, generated secret. */
  embedded: boolean;
  port: number;
  host: string | undefined;
  /** Public base URL of this API; tenant issuers are `${publicUrl}/t/${slug}`. */
  publicUrl: string;
  /**
   * Where Plinto's own account portal lives (`PLINTO_APP_URL`, else the site table's address with
   * `PLINTO_PORT_OFFSET`): a first-party page that adds passkeys for the signed-in user.
   */
  accountPortalUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  /** Sender of Plinto's mail (MAIL_FROM). */
  mailFrom: string | undefined;
  /** Master secret: encrypts signing keys and TOTP seeds at rest. */
  secret: string;
  /** Where `.plinto/` lives: dev credentials, the embedded database, the dev secret. */
  homeDir: string;
  /**
   * Browser origins allowed to call `/v1`, `/health` and `/ready` cross-origin (CORS, without
   * credentials): `PLINTO_CORS_ORIGINS`, or by default the docs site's origin, whose playground
   * sends real requests with a key the reader pastes.
   */
  corsOrigins: string[];
  /**
   * Accounts one address may create in a tenant per hour (`PLINTO_SIGN_UPS_PER_IP_PER_HOUR`, default
   * 10): raise it where many people share one address (an office behind NAT, a test suite).
   */
  signUpsPerIpPerHour: number;
}

/** The default of `PLINTO_SIGN_UPS_PER_IP_PER_HOUR`. */
export const DEFAULT_SIGN_UPS_PER_IP_PER_HOUR = 10;

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

type Env = Record<string, string | undefined>;

function checkUrl(value: string, protocols: string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `is not a URL (expected ${protocols[0]}//host:port)`;
  }
  if (!protocols.includes(parsed.protocol)) {
    return `has protocol "${parsed.protocol}" (expected ${protocols.join(" or ")})`;
  }
  return null;
}

/** The folder that holds `pnpm-workspace.yaml`, so `.plinto/` is the same for every app and script. */
export function findProjectRoot(from: string = process.cwd()): string {
  let dir = resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
}

function embeddedSecret(homeDir: string): string {
  const file = join(homeDir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(homeDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());

  const portRaw = blank(env.PORT) ?? "4000";
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535, got "${portRaw}"`);
  }

  const databaseUrl = blank(env.DATABASE_URL);
  const databaseProblem = databaseUrl ? checkDatabaseUrl(databaseUrl) : null;
  if (databaseProblem) problems.push(`DATABASE_URL ${databaseProblem}`);
  const embedded = databaseUrl === undefined;

  const redisUrl = blank(env.REDIS_URL);
  if (redisUrl) {
    const problem = checkUrl(redisUrl, ["redis:", "rediss:"]);
    if (problem) problems.push(`REDIS_URL ${problem}`);
  }

  const smtpUrl = blank(env.SMTP_URL);
  if (smtpUrl) {
    const problem = checkUrl(smtpUrl, ["smtp:", "smtps:"]);
    if (problem) problems.push(`SMTP_URL ${problem}`);
  }

  const mailFrom = blank(env.MAIL_FROM) ?? (embedded ? DEFAULT_MAIL_FROM : undefined);
  if (mailFrom) {
    const problem = checkMailFrom(mailFrom);
    if (problem) problems.push(`MAIL_FROM ${problem}`);
  } else if (smtpUrl) {
    problems.push('MAIL_FROM is required when SMTP_URL is set (e.g. MAIL_FROM="Acme <no-reply@acme.com>")');
  }

  const publicUrl = (blank(env.PLINTO_API_URL) ?? `http://localhost:${Number.isInteger(port) ? port : 4000}`).replace(
    /\/+$/,
    "",
  );
  const publicProblem = checkUrl(publicUrl, ["http:", "https:"]);
  if (publicProblem) problems.push(`PLINTO_API_URL ${publicProblem}`);

  let accountPortalUrl = "";
  try {
    accountPortalUrl = siteUrl("app", env as NodeJS.ProcessEnv);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const portalProblem = accountPortalUrl ? checkUrl(accountPortalUrl, ["http:", "https:"]) : null;
  if (portalProblem) problems.push(`PLINTO_APP_URL ${portalProblem}`);

  // (turbopackIgnore: these paths are chosen at run time; there is nothing here to trace at build.)
  const homeDir = resolve(/*turbopackIgnore: true*/ blank(env.PLINTO_HOME) ?? join(findProjectRoot(), ".plinto"));
  const dataDir = resolve(/*turbopackIgnore: true*/ blank(env.PLINTO_DATA_DIR) ?? join(homeDir, "data"));

  let secret = blank(env.PLINTO_SECRET);
  if (secret !== undefined && secret.length < 32) {
    problems.push("PLINTO_SECRET must be at least 32 characters (try: openssl rand -base64 32)");
  } else if (secret === undefined && !embedded && !databaseProblem) {
    // (With a malformed DATABASE_URL that one line is the news; the secret comes up once it is fixed.)
    problems.push("PLINTO_SECRET is required when DATABASE_URL is set (try: openssl rand -base64 32)");
  }

  const corsOrigins = readCorsOrigins(blank(env.PLINTO_CORS_ORIGINS), env, problems);

  const signUps = blank(env.PLINTO_SIGN_UPS_PER_IP_PER_HOUR);
  const signUpsPerIpPerHour = signUps === undefined ? DEFAULT_SIGN_UPS_PER_IP_PER_HOUR : Number(signUps);
  if (signUps !== undefined && (!/^\d+$/.test(signUps) || signUpsPerIpPerHour < 1 || signUpsPerIpPerHour > 100_000)) {
    problems.push(`PLINTO_SIGN_UPS_PER_IP_PER_HOUR must be a whole number from 1 to 100000 (got "${signUps}")`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  secret ??= embeddedSecret(homeDir);

  return {
    embedded,
    port,
    // Embedded mode is for one developer's machine (its dev outbox holds live sign-in links), so it
    // listens on loopback unless HOST says otherwise.
    host: blank(env.HOST) ?? (embedded ? "127.0.0.1" : undefined),
    publicUrl,
    accountPortalUrl,
    databaseUrl,
    dataDir,
    redisUrl,
    smtpUrl,
    mailFrom,
    secret,
    homeDir,
    corsOrigins,
    signUpsPerIpPerHour,
  };
}

/**
 * `PLINTO_CORS_ORIGINS`: comma-separated origins (`https://docs.example.com`), or `none`. Unset,
 * the docs site's origin (`PLINTO_DOCS_URL`, or localhost on its port). A value with a path, a
 * wildcard or another scheme is refused: the list is compared exactly with the `Origin` header.
 */
function readCorsOrigins(raw: string | undefined, env: Env, problems: string[]): string[] {
  if (raw === "none") return [];
  if (raw === undefined) {
    try {
      // (ProcessEnv only because Next declares NODE_ENV on it; siteUrl reads PLINTO_* alone.)
      return [new URL(siteUrl("docs", env as NodeJS.ProcessEnv)).origin];
    } catch {
      // A malformed PLINTO_DOCS_URL or PLINTO_PORT_OFFSET is the docs site's to report; the API allows no origin then.
      return [];
    }
  }
  const origins: string[] = [];
  for (const item of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (!url || !["http:", "https:"].includes(url.protocol) || url.origin !== item.replace(/\/$/, "")) {
      problems.push(`PLINTO_CORS_ORIGINS has "${item}", which is not an origin (expected https://host[:port], no path)`);
      continue;
    }
    origins.push(url.origin);
  }
  return origins;
}
