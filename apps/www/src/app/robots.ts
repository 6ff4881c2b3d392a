import type { MetadataRoute } from "next";
import { urlOf } from "~/env";

export const dynamic = "force-dynamic";

/** Every page may be crawled; the first-party endpoints under /api/ are for the site's own forms. */
export default function robots(): MetadataRoute.Robots {
  const base = urlOf("www");
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: "/api/" }],
    sitemap: `${base}/sitemap.xml`,
    host: base,
  };
}
