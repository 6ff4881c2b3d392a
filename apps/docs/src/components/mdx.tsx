import { Alert, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import { errorCatalog } from "@plinto/contracts";
import type { ComponentProps, ReactNode } from "react";
import { sample } from "~/lib/content";
import { sampleKey } from "~/lib/samples";
import { slugify } from "~/lib/text";
import type { Version } from "~/lib/versions";

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (node && typeof node === "object" && "props" in node) return textOf((node.props as { children?: ReactNode }).children);
  return "";
}

export const link = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900";

/** A code sample from `samples/`, with the file it lives in. */
export function SampleBlock({ file, region }: { file: string; region?: string }) {
  const found = sample(sampleKey(file, region));
  // The content build refuses a page naming a missing sample, so this is only reached by a stale build.
  if (!found) throw new Error(`no sample ${sampleKey(file, region)}`);
  return (
    <figure className="my-5 space-y-1.5">
      <figcaption className="font-mono text-xs text-muted">samples/{found.file}</figcaption>
      <pre className="rounded-md bg-ink px-4 py-3 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-white">
        <code>{found.code}</code>
      </pre>
    </figure>
  );
}

/** The components MDX pages are rendered with; links to `/docs/v1/…` follow the version being read. */
export function mdxComponents(input: { version: Version; apiUrl: string }) {
  return {
    h2: ({ children }: { children?: ReactNode }) => (
      <h2 id={slugify(textOf(children))} className="mt-10 scroll-mt-6 border-t border-line pt-8 text-xl font-bold tracking-tight">
        {children}
      </h2>
    ),
    h3: ({ children }: { children?: ReactNode }) => (
      <h3 id={slugify(textOf(children))} className="mt-6 scroll-mt-6 text-lg font-semibold">
        {children}
      </h3>
    ),
    p: (props: ComponentProps<"p">) => <p className="my-4 leading-relaxed" {...props} />,
    ul: (props: ComponentProps<"ul">) => <ul className="my-4 list-disc space-y-2 pl-6" {...props} />,
    ol: (props: ComponentProps<"ol">) => <ol className="my-4 list-decimal space-y-2 pl-6" {...props} />,
    a: ({ href = "", ...props }: ComponentProps<"a">) => (
      <a className={link} href={href.startsWith("/docs/v1") ? href.replace(/^\/docs\/v1/, `/docs/${input.version}`) : href} {...props} />
    ),
    code: (props: ComponentProps<"code">) =>
      props.className ? <code {...props} /> : <code className="rounded bg-brand-50 px-1 py-0.5 font-mono text-[0.9em] break-words text-brand-900" {...props} />,
    pre: (props: ComponentProps<"pre">) => (
      <pre className="my-5 rounded-md bg-ink px-4 py-3 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-white" {...props} />
    ),
    // (Not the shared Table: it needs a caption, which a Markdown table has no syntax for.)
    table: ({ children }: { children?: ReactNode }) => (
      <table className="my-5 w-full border-collapse rounded-card border border-line text-left text-sm break-words">{children}</table>
    ),
    thead: TableHead,
    tbody: TableBody,
    tr: TableRow,
    th: ({ children }: { children?: ReactNode }) => <TableHeaderCell>{children}</TableHeaderCell>,
    td: ({ children }: { children?: ReactNode }) => <TableCell>{children}</TableCell>,
    Sample: SampleBlock,
    Note: ({ title, children }: { title?: string; children?: ReactNode }) => (
      <div className="my-5">
        <Alert variant="info" role="note" title={title}>
          {children}
        </Alert>
      </div>
    ),
    /** The error catalog itself, so this table cannot drift from what the API answers. */
    ErrorCodes: () => (
      <table className="my-5 w-full border-collapse text-left text-sm">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Code</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Title</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {Object.entries(errorCatalog)
            .sort(([, a], [, b]) => a.status - b.status)
            .map(([code, { status, title }]) => (
              <TableRow key={code}>
                <TableCell>
                  <code className="font-mono">{code}</code>
                </TableCell>
                <TableCell className="font-mono">{status}</TableCell>
                <TableCell>{title}</TableCell>
              </TableRow>
            ))}
        </TableBody>
      </table>
    ),
    ApiUrl: () => <code className="rounded bg-brand-50 px-1 py-0.5 font-mono text-[0.9em] text-brand-900">{input.apiUrl}</code>,
  };
}
