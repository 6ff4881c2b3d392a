import type { MetadataRoute } from "next";
import { urlOf } from "~/env";
import { sitePages } from "~/lib/routes";

// The site's address is read when the server runs, not when it was built.
export const dynamic = "force-dynamic";

export default function sitemap(): MetadataRoute.Sitemap {
  const base = urlOf("www");
  return sitePages.map((page) => ({
    url: page.path === "/" ? `${base}/` : `${base}${page.path}`,
    changeFrequency: page.changeFrequency,
    priority: page.priority,
  }));
}
