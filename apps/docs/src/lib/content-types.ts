import type { Heading } from "./text";
import type { Version } from "./versions";

/** The sections of the sidebar, in order; a page names its own in its front matter. */
export const sections = ["Start", "Concepts", "SDKs", "Guides"] as const;
export type Section = (typeof sections)[number];

export interface PageFrontmatter {
  title: string;
  description: string;
  section: Section;
  /** Position within the section (smaller first). */
  order: number;
  /** New in `next`, not in any release yet. */
  unreleased?: boolean;
}

export interface DocPage extends PageFrontmatter {
  version: Version;
  /** "" for the overview, else e.g. "concepts/tokens-and-sessions". */
  slug: string;
  headings: Heading[];
  /** The page compiled by mdx-bundler at build time. */
  code: string;
}

/** What `scripts/build-content.ts` writes to `src/generated/content.json`. */
export interface BuiltContent {
  pages: Record<Version, DocPage[]>;
  /** `file` or `file#region` → the code shown. */
  samples: Record<string, { file: string; code: string }>;
}
