import MiniSearch, { type Options, type SearchOptions } from "minisearch";

/** One searchable thing: a guide page or an API operation. */
export interface SearchDocument {
  id: string;
  title: string;
  /** Where it lives, shown under the title: "Concepts", "API reference · Users" … */
  section: string;
  url: string;
  headings: string;
  text: string;
}

/** The same options build the index (at build time) and load it (in the browser). */
export const searchOptions: Options<SearchDocument> = {
  fields: ["title", "headings", "text"],
  storeFields: ["title", "section", "url"],
};

export const querySettings: SearchOptions = {
  boost: { title: 3, headings: 2 },
  prefix: true,
  fuzzy: 0.15,
  combineWith: "AND",
};

export function buildSearchIndex(documents: SearchDocument[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(searchOptions);
  index.addAll(documents);
  return index;
}

export interface SearchHit {
  id: string;
  title: string;
  section: string;
  url: string;
}

export function searchIn(index: MiniSearch<SearchDocument>, query: string, limit = 12): SearchHit[] {
  if (query.trim() === "") return [];
  return index
    .search(query, querySettings)
    .slice(0, limit)
    .map((r) => ({ id: String(r.id), title: String(r.title), section: String(r.section), url: String(r.url) }));
}

/** The index's file for a version, written at build time under `public/`. */
export const searchIndexPath = (version: string) => `/search/${version}.json`;
