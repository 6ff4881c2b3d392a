/**
 * The six sites, their fixed ports and how each finds the others. One table for the start script,
 * the tests and the sites' own links. `PLINTO_<NAME>_URL` overrides a site's public address;
 * `PLINTO_PORT_OFFSET` shifts every port (the e2e suite uses it to run beside a running copy).
 */

/** @typedef {"api" | "www" | "docs" | "admin" | "app" | "demo"} SiteName */

/** @type {ReadonlyArray<{ name: SiteName; port: number; title: string; audience: string }>} */
export const sites = [
  { name: "api", port: 4000, title: "Identity API", audience: "apps and SDKs" },
  { name: "www", port: 3000, title: "Website", audience: "visitors" },
  { name: "docs", port: 3001, title: "Docs", audience: "developers" },
  { name: "admin", port: 3002, title: "Admin dashboard", audience: "tenant admins" },
  { name: "app", port: 3003, title: "Account portal", audience: "end users" },
  { name: "demo", port: 3004, title: "Demo", audience: "developers evaluating Plinto" },
];

/** @param {NodeJS.ProcessEnv} [env] */
export function portOffset(env = process.env) {
  const raw = env.PLINTO_PORT_OFFSET;
  if (raw === undefined || raw === "") return 0;
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset > 60000) {
    throw new Error(`PLINTO_PORT_OFFSET must be a whole number from 0 to 60000, got "${raw}"`);
  }
  return offset;
}

/** @param {SiteName} name @param {NodeJS.ProcessEnv} [env] */
export function sitePort(name, env = process.env) {
  const site = sites.find((s) => s.name === name);
  if (!site) throw new Error(`unknown site "${name}"`);
  return site.port + portOffset(env);
}

/** @param {SiteName} name @param {NodeJS.ProcessEnv} [env] */
export function siteUrl(name, env = process.env) {
  const override = env[`PLINTO_${name.toUpperCase()}_URL`];
  if (override) return override.replace(/\/+$/, "");
  return `http://localhost:${sitePort(name, env)}`;
}
