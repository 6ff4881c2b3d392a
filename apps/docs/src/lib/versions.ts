/**
 * The documented versions. `v1` is the released API; `next` is what the main branch will release:
 * every v1 page, with `content/next/` pages replacing or adding to them (those marked
 * `unreleased: true` are new in it), under a banner.
 */
export const versions = [
  { id: "v1", label: "v1", description: "current release" },
  { id: "next", label: "next", description: "unreleased" },
] as const;

export type Version = (typeof versions)[number]["id"];
export const defaultVersion: Version = "v1";

export function isVersion(value: string): value is Version {
  return versions.some((v) => v.id === value);
}

/** The docs' address of a page: `/docs/{version}` for the overview, `/docs/{version}/{slug}` otherwise. */
export function pageHref(version: Version, slug: string): string {
  return slug === "" ? `/docs/${version}` : `/docs/${version}/${slug}`;
}
