import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { operations } from "@plinto/contracts";
import { searchIn, searchOptions, type SearchDocument } from "../src/lib/search";
import { buildContent, ContentError, serialiseIndex } from "./content";

const root = join(import.meta.dirname, "..");

describe("the docs content build", () => {
  it("compiles every page of both versions; next has v1's pages and its own, marked unreleased", async () => {
    const { content } = await buildContent(root);
    const v1 = content.pages.v1.map((p) => p.slug);
    expect(v1).toEqual(expect.arrayContaining(["", "getting-started", "concepts/tokens-and-sessions", "concepts/errors", "sdks/sdk", "sdks/auth", "guides/migrate-bcrypt-users"]));
    expect(content.pages.v1.every((p) => !p.unreleased && p.code.length > 0)).toBe(true);
    const next = content.pages.next.map((p) => p.slug);
    expect(next).toEqual(expect.arrayContaining(v1));
    expect(content.pages.next.filter((p) => p.unreleased).map((p) => p.slug)).toEqual(["guides/browser-cors"]);
    expect(content.samples["getting-started.ts#register"]!.code).toContain("plinto.applications.create(");
  });

  it("indexes pages and API operations, and the index found in the browser answers 'refresh token'", async () => {
    const { search } = await buildContent(root);
    // The same round trip the browser makes: the serialised index, loaded with the same options.
    const index = MiniSearch.loadJSON<SearchDocument>(serialiseIndex(search.v1), searchOptions);
    const hits = searchIn(index, "refresh token");
    expect(hits[0]).toMatchObject({ title: "Tokens and sessions", url: "/docs/v1/concepts/tokens-and-sessions" });
    expect(searchIn(index, "rotateSigningKeys").map((h) => h.url)).toContain("/docs/v1/reference/keys#rotateSigningKeys");
    expect(search.v1.filter((d) => d.id.startsWith("op:"))).toHaveLength(operations.length);
    expect(searchIn(index, "zzqx nothing like this")).toEqual([]);
  });

  it("refuses inline TypeScript, a missing sample and bad front matter, one line each", async () => {
    const broken = mkdtempSync(join(tmpdir(), "plinto-docs-"));
    cpSync(join(root, "samples"), join(broken, "samples"), { recursive: true });
    cpSync(join(root, "content", "v1", "index.mdx"), join(broken, "content", "v1", "index.mdx"), { recursive: true });
    const page = (body: string, front = "title: T\ndescription: D\nsection: Guides\norder: 1") => `---\n${front}\n---\n\n${body}\n`;
    writeFileSync(join(broken, "content", "v1", "inline.mdx"), page("```ts\nconst a = 1;\n```"));
    writeFileSync(join(broken, "content", "v1", "missing.mdx"), page('<Sample file="getting-started.ts" region="nope" />'));
    writeFileSync(join(broken, "content", "v1", "front.mdx"), page("Hello", "title: T\nsection: Elsewhere\norder: 1"));
    const error = await buildContent(broken).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      expect.stringMatching(/^content\/v1\/front\.mdx: front matter needs a description$/),
      expect.stringMatching(/^content\/v1\/front\.mdx: front matter section must be one of/),
      expect.stringMatching(/^content\/v1\/inline\.mdx: a ```ts block; put the code in samples\//),
      'content/v1/missing.mdx: <Sample file="getting-started.ts" region="nope" /> names no sample',
    ]);
  });
});
