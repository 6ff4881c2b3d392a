import { Alert, Nav, type NavItem } from "@plinto/ui";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Search } from "~/components/Search";
import { VersionSwitch } from "~/components/VersionSwitch";
import { pagesOf } from "~/lib/content";
import { sections } from "~/lib/content-types";
import { isVersion, pageHref, versions, type Version } from "~/lib/versions";
import { link } from "~/components/mdx";

function sidebar(version: Version): NavItem[] {
  const pages = pagesOf(version);
  const groups: NavItem[] = sections.map((section) => ({
    href: pageHref(version, pages.find((p) => p.section === section)?.slug ?? ""),
    label: section,
    current: false,
    items: pages
      .filter((p) => p.section === section)
      .map((p) => ({ href: pageHref(version, p.slug), label: p.unreleased ? `${p.title} (new)` : p.title })),
  }));
  groups.push({
    href: `/docs/${version}/reference`,
    label: "API",
    current: false,
    items: [
      { href: `/docs/${version}/reference`, label: "API reference" },
      { href: `/docs/${version}/playground`, label: "Playground" },
    ],
  });
  return groups;
}

export default async function VersionLayout({ children, params }: { children: ReactNode; params: Promise<{ version: string }> }) {
  const { version } = await params;
  if (!isVersion(version)) notFound();
  const paths = Object.fromEntries(
    versions.map((v) => [v.id, [...pagesOf(v.id).map((p) => p.slug), "reference", "playground"]]),
  ) as Record<Version, string[]>;
  return (
    <div className="mx-auto grid max-w-7xl grid-cols-1 gap-10 px-4 py-10 sm:px-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="space-y-6 lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto">
        <Search version={version} />
        <VersionSwitch current={version} paths={paths} />
        <Nav label="Documentation" orientation="vertical" items={sidebar(version)} />
      </aside>
      <div className="min-w-0 space-y-6">
        {version === "next" ? (
          <Alert variant="warning" role="note" title="Unreleased: next">
            These pages describe what the next release will do; pages marked new are not in v1. For the released API read{" "}
            <Link className={link} href="/docs/v1">
              the v1 docs
            </Link>
            .
          </Alert>
        ) : null}
        {children}
      </div>
    </div>
  );
}
