import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { link } from "~/components/mdx";
import { OperationView } from "~/components/reference";
import { urlOf } from "~/env";
import { loadReference } from "~/lib/reference";
import { isVersion } from "~/lib/versions";

type Params = Promise<{ version: string; tag: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tag: slug } = await params;
  const tag = loadReference(urlOf("api")).tags.find((t) => t.slug === slug);
  return tag ? { title: `${tag.name} · API reference`, description: `The ${tag.name} operations of Plinto's REST API.` } : {};
}

export default async function ReferenceTagPage({ params }: { params: Params }) {
  const { version, tag: slug } = await params;
  if (!isVersion(version)) notFound();
  const { document, tags } = loadReference(urlOf("api"));
  const tag = tags.find((t) => t.slug === slug);
  if (!tag) notFound();
  return (
    <article className="max-w-4xl space-y-8">
      <header>
        <p className="text-sm font-semibold text-brand-700">
          <a className={link} href={`/docs/${version}/reference`}>
            API reference
          </a>
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">{tag.name}</h1>
        <ul className="mt-4 space-y-1 text-sm">
          {tag.operations.map((op) => (
            <li key={op.operationId}>
              <a className={link} href={`#${op.operationId}`}>
                <span className="font-mono uppercase">{op.method}</span> <span className="font-mono">{op.path}</span>
              </a>
            </li>
          ))}
        </ul>
      </header>
      {tag.operations.map((op) => (
        <OperationView key={op.operationId} op={op} document={document} playgroundHref={`/docs/${version}/playground?operation=${op.operationId}`} />
      ))}
    </article>
  );
}
