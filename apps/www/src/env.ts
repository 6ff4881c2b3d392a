import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { siteUrl, type SiteName } from "@plinto/next-config/sites";

/**
 * This site's view of its configuration: where the other Plinto sites live and where it keeps its
 * own files. Read on every call, not at import, so one build serves any `PLINTO_<SITE>_URL` /
 * `PLINTO_PORT_OFFSET` / `PLINTO_HOME` it is started with; the pages that call these are rendered
 * per request (`dynamic = "force-dynamic"`).
 */
export function urlOf(site: SiteName): string {
  return siteUrl(site);
}

/** The API's hosted sign-up page of the platform tenant: where the website's sign-up buttons go. */
export function signUpUrl(): string {
  return `${urlOf("api")}/t/plinto/sign-up`;
}

function projectRoot(from: string): string {
  let dir = resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
}

/**
 * Where the website writes what it records (`$PLINTO_HOME/www`): the same Plinto home the API and
 * `npm start` use (`.plinto` in the project unless `PLINTO_HOME` says otherwise).
 */
export function wwwDataDir(): string {
  const home = process.env.PLINTO_HOME?.trim() || join(projectRoot(process.cwd()), ".plinto");
  return join(resolve(/*turbopackIgnore: true*/ home), "www");
}
