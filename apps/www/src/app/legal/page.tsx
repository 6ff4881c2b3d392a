import { Card, CardDescription, CardTitle } from "@plinto/ui";
import type { Metadata } from "next";
import { PageHeader } from "~/components/PageHeader";
import { pageMetadata } from "~/lib/metadata";
import { legalPages } from "~/lib/routes";

export const metadata: Metadata = pageMetadata({
  title: "Legal",
  description: "Plinto's privacy policy, terms of service, data processing addendum and cookie policy.",
  path: "/legal",
});

const summaries: Record<string, string> = {
  "/legal/privacy": "What this website and the people behind Plinto collect about you, why, for how long, and your rights.",
  "/legal/terms": "The terms for using this website and the Plinto software and services.",
  "/legal/dpa": "How we process personal data for you when we run Plinto on your behalf, as GDPR Article 28 requires.",
  "/legal/cookies": "The one cookie this site sets, and where to change your answer to the cookie banner.",
};

export default function LegalPage() {
  return (
    <>
      <PageHeader kicker="Legal" title="Legal documents" intro="Written to be read. If something is unclear, ask us through the contact form." />
      <ul className="mx-auto grid max-w-6xl grid-cols-1 gap-4 px-4 py-12 sm:px-6 md:grid-cols-2">
        {legalPages.map((p) => (
          <Card as="li" key={p.path}>
            <CardTitle level={2}>
              <a className="hover:underline" href={p.path}>
                {p.label}
              </a>
            </CardTitle>
            <CardDescription className="mt-2">{summaries[p.path]}</CardDescription>
          </Card>
        ))}
      </ul>
    </>
  );
}
