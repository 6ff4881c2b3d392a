import { Badge } from "@plinto/ui";
import type { Metadata } from "next";
import { PageHeader } from "~/components/PageHeader";
import { changelog } from "~/content/changelog";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Changelog",
  description: "What has shipped in Plinto, newest first: the admin dashboard, the management API, second factors and passkeys, organizations and more.",
  path: "/changelog",
});

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export default function ChangelogPage() {
  return (
    <>
      <PageHeader kicker="Changelog" title="What has shipped" intro="Everything here is in the code today; newest first." />
      <ol className="mx-auto max-w-3xl space-y-10 px-4 py-12 sm:px-6">
        {changelog.map((entry) => (
          <li key={entry.id} id={entry.id} className="scroll-mt-4">
            <article aria-labelledby={`${entry.id}-title`}>
              <p className="flex flex-wrap items-center gap-3 text-sm text-muted">
                <time dateTime={entry.date}>{longDate.format(new Date(`${entry.date}T00:00:00Z`))}</time>
                <Badge tone="brand">{entry.area}</Badge>
              </p>
              <h2 id={`${entry.id}-title`} className="mt-2 text-xl font-bold text-ink">
                {entry.title}
              </h2>
              <p className="mt-2 text-muted">{entry.body}</p>
              <ul className="mt-3 list-disc space-y-1.5 pl-6">
                {entry.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
