/**
 * The docs' content build: every MDX page of every version compiled with mdx-bundler, the code
 * samples they include, and one search index per version (pages and API operations). Run before
 * `next build`, `next dev` and the type check; a broken page, a missing sample or an inline
 * TypeScript block stops it with one line per problem.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { bundleMDX } from "mdx-bundler";
import { buildOpenApiDocument } from "@plinto/contracts";
import { sections, type BuiltContent, type DocPage, type PageFrontmatter } from "../src/lib/content-types";
import { referenceOf } from "../src/lib/reference";
import { buildSearchIndex, type SearchDocument } from "../src/lib/search";
import { inlineCodeFences, sampleKey, sampleReferences, sampleRegions } from "../src/lib/samples";
import { headingsOf, plainText } from "../src/lib/text";
import { pageHref, versions, type Version } from "../src/lib/versions";

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`the docs content has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

function files(dir: string, extension: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, extension);
    return path.endsWith(extension) ? [path] : [];
  });
}

export function loadSamples(root: string): BuiltContent["samples"] {
  const samples: BuiltContent["samples"] = {};
  for (const path of files(join(root, "samples"), ".ts")) {
    const file = relative(join(root, "samples"), path);
    for (const [region, code] of sampleRegions(file, readFileSync(path, "utf8"))) samples[sampleKey(file, region)] = { file, code };
  }
  return samples;
}

function checkFrontmatter(where: string, data: Record<string, unknown>, problems: string[]): PageFrontmatter | undefined {
  const bad = (what: string) => problems.push(`${where}: front matter ${what}`);
  if (typeof data.title !== "string" || data.title === "") bad("needs a title");
  if (typeof data.description !== "string" || data.description === "") bad("needs a description");
  if (!sections.includes(data.section as never)) bad(`section must be one of ${sections.join(", ")}`);
  if (typeof data.order !== "number") bad("needs a numeric order");
  if (data.unreleased !== undefined && typeof data.unreleased !== "boolean") bad("unreleased is true or false");
  return problems.some((p) => p.startsWith(`${where}:`)) ? undefined : (data as unknown as PageFrontmatter);
}

/** The MDX sources of each version: v1's own; next's are v1's with content/next/ replacing and adding. */
function sourcesOf(root: string): Record<Version, Map<string, { path: string; source: string }>> {
  const read = (dir: string) =>
    new Map(
      files(dir, ".mdx").map((path) => {
        const slug = relative(dir, path).replace(/\.mdx$/, "").replace(/(^|\/)index$/, "");
        return [slug, { path: relative(root, path), source: readFileSync(path, "utf8") }] as const;
      }),
    );
  const v1 = read(join(root, "content", "v1"));
  return { v1, next: new Map([...v1, ...read(join(root, "content", "next"))]) };
}

export async function buildContent(root: string): Promise<{ content: BuiltContent; search: Record<Version, SearchDocument[]> }> {
  const problems: string[] = [];
  const samples = loadSamples(root);
  const sources = sourcesOf(root);
  const pages = { v1: [], next: [] } as Record<Version, DocPage[]>;
  const compiled = new Map<string, { code: string; frontmatter: Record<string, unknown> }>();

  for (const { id: version } of versions) {
    for (const [slug, { path, source }] of sources[version]) {
      for (const language of inlineCodeFences(source)) {
        problems.push(`${path}: a \`\`\`${language} block; put the code in samples/ and include it with <Sample file="…" region="…" />`);
      }
      for (const ref of sampleReferences(source)) {
        if (!samples[sampleKey(ref.file, ref.region)]) problems.push(`${path}: <Sample file="${ref.file}" region="${ref.region}" /> names no sample`);
      }
      // The same file compiles the same way for both versions.
      let result = compiled.get(path);
      if (!result) {
        try {
          const bundled = await bundleMDX({ source });
          result = { code: bundled.code, frontmatter: bundled.frontmatter as Record<string, unknown> };
          compiled.set(path, result);
        } catch (error) {
          problems.push(`${path}: does not compile: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
          continue;
        }
      }
      const frontmatter = checkFrontmatter(path, result.frontmatter, problems);
      if (!frontmatter) continue;
      if (version === "v1" && frontmatter.unreleased) problems.push(`${path}: a v1 page cannot be unreleased; put it in content/next/`);
      pages[version].push({ ...frontmatter, unreleased: frontmatter.unreleased ?? false, version, slug, headings: headingsOf(source), code: result.code });
    }
    pages[version].sort((a, b) => sections.indexOf(a.section) - sections.indexOf(b.section) || a.order - b.order || a.title.localeCompare(b.title));
  }
  // (A v1 page is checked again as part of next; say each problem once.)
  if (problems.length > 0) throw new ContentError([...new Set(problems)]);

  // The reference's operations are searchable too, from the same document the API serves.
  const reference = referenceOf(buildOpenApiDocument("http://localhost:4000"));
  const search = {} as Record<Version, SearchDocument[]>;
  for (const { id: version } of versions) {
    const guideDocs = pages[version].map((page) => {
      const source = sources[version].get(page.slug)!.source.replace(/^---[\s\S]*?---/, "");
      return {
        id: `page:${page.slug}`,
        title: page.title,
        section: page.section,
        url: pageHref(version, page.slug),
        headings: page.headings.map((h) => h.text).join(" · "),
        text: `${page.description} ${plainText(source)}`,
      };
    });
    const operationDocs = reference.flatMap((tag) =>
      tag.operations.map((op) => ({
        id: `op:${op.operationId}`,
        title: `${op.method.toUpperCase()} ${op.path}`,
        section: `API reference · ${tag.name}`,
        url: `/docs/${version}/reference/${tag.slug}#${op.operationId}`,
        headings: op.summary,
        text: [op.operationId, op.description ?? "", op.parameters.map((p) => p.name).join(" ")].join(" "),
      })),
    );
    search[version] = [...guideDocs, ...operationDocs];
  }
  return { content: { pages, samples }, search };
}

/** The serialised index the browser loads with `MiniSearch.loadJSON`. */
export function serialiseIndex(documents: SearchDocument[]): string {
  return JSON.stringify(buildSearchIndex(documents));
}
