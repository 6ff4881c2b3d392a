import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { link } from "~/components/mdx";
import { Playground, type PlaygroundOperation } from "~/components/Playground";
import { urlOf } from "~/env";
import { loadReference, operationHref } from "~/lib/reference";
import { isVersion } from "~/lib/versions";

export const metadata: Metadata = {
  title: "API playground",
  description: "Send real requests to a Plinto API from your browser, with an API key or token that stays in your browser.",
};

export default async function PlaygroundPage({ params, searchParams }: { params: Promise<{ version: string }>; searchParams: Promise<{ operation?: string }> }) {
  const { version } = await params;
  if (!isVersion(version)) notFound();
  const { operation } = await searchParams;
  const api = urlOf("api");
  const { tags } = loadReference(api);
  const operations: PlaygroundOperation[] = tags.flatMap((tag) =>
    tag.operations.map((op) => ({
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      summary: op.summary,
      tag: tag.name,
      authenticated: op.security.length > 0,
      parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required })),
      ...(op.requestBody ? { bodyExample: op.requestBody.example ?? {} } : {}),
    })),
  );
  const initial = operations.find((o) => o.operationId === operation) ?? operations[0]!;
  const initialOp = tags.flatMap((t) => t.operations).find((o) => o.operationId === initial.operationId)!;
  return (
    <article className="max-w-4xl space-y-6">
      <header>
        <p className="text-sm font-semibold text-brand-700">API</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">Playground</h1>
        <p className="mt-4 text-lg text-muted">
          Pick an operation, fill in its parameters and body, and send it from your browser to a Plinto API. The answer is real: a write
          changes data.
        </p>
        <p className="mt-3 text-sm text-muted">
          With <code className="font-mono">npm start</code>, the demo tenant&apos;s API key is <code className="font-mono">apiKeys.demo.secret</code>{" "}
          in <code className="font-mono">.plinto/dev-credentials.json</code>. What you paste stays in this browser tab and goes only to the
          API URL; the docs server never sees it. The API must allow this site&apos;s origin (<code className="font-mono">PLINTO_CORS_ORIGINS</code>
          , by default the docs site). Reference for the selected operation:{" "}
          <a className={link} href={operationHref(version, initialOp)}>
            {initialOp.operationId}
          </a>
          .
        </p>
      </header>
      <noscript>
        <p className="rounded-card border border-line p-4 text-sm">
          The playground sends requests from your browser, so it needs JavaScript. Every operation is described without it in the API reference.
        </p>
      </noscript>
      <Playground operations={operations} defaultApiUrl={api} initialOperation={initial.operationId} />
    </article>
  );
}
