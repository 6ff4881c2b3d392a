import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { link } from "~/components/mdx";
import { MethodBadge, SchemaView } from "~/components/reference";
import { urlOf } from "~/env";
import { loadReference, operationHref } from "~/lib/reference";
import { isVersion } from "~/lib/versions";

export const metadata: Metadata = {
  title: "API reference",
  description: "Every operation of Plinto's REST API, generated from the OpenAPI document the API serves at /v1/openapi.json.",
};

export default async function ReferenceIndex({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  if (!isVersion(version)) notFound();
  const api = urlOf("api");
  const { document, tags } = loadReference(api);
  const count = tags.reduce((n, t) => n + t.operations.length, 0);
  return (
    <article className="max-w-4xl space-y-8">
      <header>
        <p className="text-sm font-semibold text-brand-700">API</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">API reference</h1>
        <p className="mt-4 text-lg text-muted">{document.info.description}</p>
        <p className="mt-3 text-sm text-muted">
          {count} operations, generated from the OpenAPI {document.openapi} document this installation serves at{" "}
          <a className={link} href={`${api}/v1/openapi.json`}>
            {`${api}/v1/openapi.json`}
          </a>{" "}
          (server <code className="font-mono">{document.servers[0]?.url}</code>). Try any of them in the{" "}
          <a className={link} href={`/docs/${version}/playground`}>
            playground
          </a>
          .
        </p>
      </header>

      <section aria-labelledby="auth-title" className="space-y-3">
        <h2 id="auth-title" className="text-xl font-bold tracking-tight">
          Authentication
        </h2>
        <dl className="space-y-2 text-sm">
          {Object.entries(document.components.securitySchemes).map(([name, scheme]) => (
            <div key={name}>
              <dt className="font-mono font-semibold">{name}</dt>
              <dd className="text-muted">
                {"scheme" in scheme ? `HTTP ${scheme.scheme}` : `${scheme.type} in ${scheme.in} (${scheme.name})`}
                {"description" in scheme ? ` — ${scheme.description}` : ""}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="problem-title" className="space-y-3">
        <h2 id="problem-title" className="text-xl font-bold tracking-tight">
          Errors
        </h2>
        <p className="text-sm text-muted">Every error answer is application/problem+json (RFC 9457): {document.components.schemas.Problem.description}.</p>
        <SchemaView schema={document.components.schemas.Problem as never} document={document} />
      </section>

      <section aria-labelledby="operations-title" className="space-y-6">
        <h2 id="operations-title" className="text-xl font-bold tracking-tight">
          Operations
        </h2>
        {tags.map((tag) => (
          <section key={tag.slug} aria-labelledby={`tag-${tag.slug}`} className="space-y-2">
            <h3 id={`tag-${tag.slug}`} className="text-lg font-semibold">
              <a className={link} href={`/docs/${version}/reference/${tag.slug}`}>
                {tag.name}
              </a>
            </h3>
            <ul className="divide-y divide-line rounded-card border border-line" data-testid="reference-operations">
              {tag.operations.map((op) => (
                <li key={op.operationId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                  <MethodBadge method={op.method} />
                  <a className="font-mono break-all text-brand-800 hover:underline" href={operationHref(version, op)} data-path={op.path} data-method={op.method}>
                    {op.path}
                  </a>
                  <span className="text-muted">{op.summary}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </article>
  );
}
