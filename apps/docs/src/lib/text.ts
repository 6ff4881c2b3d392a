/** The id a heading gets from its text: lower case, words joined by hyphens (as GitHub does). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{Letter}\p{Number}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

export interface Heading {
  depth: 2 | 3;
  text: string;
  id: string;
}

/** The `##` and `###` headings of an MDX source (outside code fences), for the page's contents and search. */
export function headingsOf(source: string): Heading[] {
  const headings: Heading[] = [];
  let fenced = false;
  for (const line of source.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = /^(#{2,3})\s+(.+?)\s*#*$/.exec(line);
    if (!match) continue;
    const text = match[2]!.replace(/`/g, "");
    headings.push({ depth: match[1]!.length as 2 | 3, text, id: slugify(text) });
  }
  return headings;
}

/** The words of an MDX body as a reader sees them, for the search index: no tags, no markup. */
export function plainText(source: string): string {
  return source
    .replace(/<[A-Z][^>]*\/>/g, " ") // self-closing components (samples)
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#+\s+/gm, "")
    .replace(/[`*_>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
