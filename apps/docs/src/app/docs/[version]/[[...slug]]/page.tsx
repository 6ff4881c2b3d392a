import { Badge } from "@plinto/ui";
import { getMDXComponent } from "mdx-bundler/client";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { mdxComponents } from "~/components/mdx";
import { urlOf } from "~/env";
import { findPage } from "~/lib/content";
import { isVersion } from "~/lib/versions";

type Params = Promise<{ version: string; slug?: string[] }>;

async function pageOf(params: Params) {
  const { version, slug = [] } = await params;
  if (!isVersion(version)) return undefined;
  return findPage(version, slug.join("/"));
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const page = await pageOf(params);
  if (!page) return {};
  return { title: page.version === "v1" ? page.title : `${page.title} (next)`, description: page.description };
}

export default async function DocPage({ params }: { params: Params }) {
  const page = await pageOf(params);
  if (!page) notFound();
  const Content = getMDXComponent(page.code);
  const contents = page.headings.filter((h) => h.depth === 2);
  return (
    <div className="grid grid-cols-1 gap-10 xl:grid-cols-[minmax(0,1fr)_13rem]">
      <article className="max-w-3xl min-w-0 text-ink">
        <header>
          <p className="text-sm font-semibold text-brand-700">{page.section}</p>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-3xl font-bold tracking-tight sm:text-4xl">
            {page.title}
            {page.unreleased ? <Badge tone="warning">Unreleased</Badge> : null}
          </h1>
          <p className="mt-4 text-lg text-muted">{page.description}</p>
        </header>
        <Content components={mdxComponents({ version: page.version, apiUrl: urlOf("api") }) as never} />
      </article>
      {contents.length > 0 ? (
        <aside className="hidden xl:block">
          <nav aria-labelledby="on-this-page" className="sticky top-6 space-y-2 text-sm">
            <p id="on-this-page" className="text-xs font-semibold tracking-wide text-muted uppercase">
              On this page
            </p>
            <ul className="space-y-1.5">
              {contents.map((h) => (
                <li key={h.id}>
                  <a href={`#${h.id}`} className="text-muted hover:text-brand-800">
                    {h.text}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
      ) : null}
    </div>
  );
}
