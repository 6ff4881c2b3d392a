import { fromOwnPages } from "@plinto/auth";
import type { NextRequest } from "next/server";
import { TENANT_COOKIE } from "~/lib/tenant";
import { urlOf } from "~/env";

/**
 * The tenant switcher's form: remembers the chosen tenant (a slug) and goes back to the page the
 * admin was on, or to `next` (a path of this site, e.g. "/" from the Tenants page's "Open"). Which
 * tenants they may use is checked on every page against the API, not here.
 */
export async function POST(request: NextRequest) {
  const site = urlOf("admin");
  if (!fromOwnPages(request.headers, site)) return new Response("This request did not come from this site's own pages.", { status: 403 });
  const form = await request.formData().catch(() => undefined);
  const slug = String(form?.get("tenant") ?? "");
  const referer = URL.parse(request.headers.get("referer") ?? "");
  const next = String(form?.get("next") ?? "");
  // Only a path of this site: one leading slash, nothing a browser would read as another origin.
  const location = /^\/(?![/\\])[A-Za-z0-9/_-]*$/.test(next)
    ? `${site}${next}`
    : referer && referer.origin === site
      ? `${site}${referer.pathname}`
      : `${site}/`;
  const headers = new Headers({ location });
  if (/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/.test(slug)) {
    headers.append("set-cookie", `${TENANT_COOKIE}=${slug}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${site.startsWith("https://") ? "; Secure" : ""}`);
  }
  return new Response(null, { status: 303, headers });
}
