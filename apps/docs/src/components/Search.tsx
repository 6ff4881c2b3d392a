"use client";

import MiniSearch from "minisearch";
import { useId, useRef, useState } from "react";
import { searchIn, searchIndexPath, searchOptions, type SearchDocument, type SearchHit } from "~/lib/search";

type State = { kind: "idle" } | { kind: "loading" } | { kind: "ready"; index: MiniSearch<SearchDocument> } | { kind: "failed" };

/**
 * Search over every page and API operation of one version. The index is a static file made at
 * build time; it is loaded once (on first focus) and every search after that runs in the browser,
 * with no request at all.
 */
export function Search({ version }: { version: string }) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  const loading = useRef<Promise<void> | null>(null);

  function load() {
    loading.current ??= (async () => {
      setState({ kind: "loading" });
      try {
        const response = await fetch(searchIndexPath(version));
        if (!response.ok) throw new Error(String(response.status));
        setState({ kind: "ready", index: MiniSearch.loadJSON<SearchDocument>(await response.text(), searchOptions) });
      } catch {
        loading.current = null;
        setState({ kind: "failed" });
      }
    })();
  }

  const hits: SearchHit[] = state.kind === "ready" ? searchIn(state.index, query) : [];
  const status =
    query.trim() === ""
      ? ""
      : state.kind === "ready"
        ? `${hits.length === 0 ? "No" : hits.length} result${hits.length === 1 ? "" : "s"} for “${query.trim()}”`
        : state.kind === "failed"
          ? "The search index could not be loaded."
          : "Loading the search index…";

  return (
    <div role="search" aria-label="Docs" className="space-y-2">
      <label htmlFor={`${id}-q`} className="block text-xs font-semibold tracking-wide text-muted uppercase">
        Search the docs
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={query}
        onFocus={load}
        onChange={(e) => {
          setQuery(e.target.value);
          load();
        }}
        placeholder="e.g. refresh token"
        autoComplete="off"
        aria-describedby={`${id}-status`}
        className="h-10 w-full rounded-md border border-line bg-surface px-3 text-sm text-ink placeholder:text-muted focus-visible:outline-2 focus-visible:outline-brand-600"
      />
      <p id={`${id}-status`} role="status" className="text-xs text-muted">
        {status}
      </p>
      {hits.length > 0 ? (
        <ul aria-label="Search results" className="max-h-96 space-y-1 overflow-y-auto">
          {hits.map((hit) => (
            <li key={hit.id}>
              <a href={hit.url} className="block rounded-md px-2 py-1.5 text-sm hover:bg-brand-50">
                <span className="block font-medium text-brand-800">{hit.title}</span>
                <span className="block text-xs text-muted">{hit.section}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
