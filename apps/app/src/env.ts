import { siteUrl, type SiteName } from "@plinto/next-config/sites";

/**
 * This site's view of its configuration: where the other Plinto sites live. Read on every call,
 * not at import, so one build serves any `PLINTO_<SITE>_URL` / `PLINTO_PORT_OFFSET` it is started
 * with; the pages that call these are rendered per request (`dynamic = "force-dynamic"`).
 */
export function urlOf(site: SiteName): string {
  return siteUrl(site);
}
