import { jsonLdText } from "~/lib/jsonld";

/** Structured data for search engines, as one `application/ld+json` script. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}
