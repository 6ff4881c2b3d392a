import built from "../generated/content.json";
import type { BuiltContent, DocPage } from "./content-types";
import type { Version } from "./versions";

/** The pages and samples compiled at build time by `scripts/build-content.ts`. */
const content = built as unknown as BuiltContent;

export function pagesOf(version: Version): DocPage[] {
  return content.pages[version];
}

export function findPage(version: Version, slug: string): DocPage | undefined {
  return content.pages[version].find((p) => p.slug === slug);
}

export function sample(key: string): { file: string; code: string } | undefined {
  return content.samples[key];
}
