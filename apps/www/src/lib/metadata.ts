import type { Metadata } from "next";

/**
 * A page's title, description, canonical address and Open Graph / Twitter card. Addresses are
 * relative: the root layout's `metadataBase` (this site's public URL) makes them absolute. The
 * Open Graph image comes from the nearest `opengraph-image.tsx`.
 */
export function pageMetadata({ title, description, path }: { title: string; description: string; path: string }): Metadata {
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: { title, description, url: path, siteName: "Plinto", type: "website", locale: "en_US" },
    twitter: { card: "summary_large_image", title, description },
  };
}
