/** Helpers for the markup tests: read attributes out of `renderToStaticMarkup` output. */

/** The opening tag of the first element matching `tag` whose tag text contains `contains`. */
export function findTag(html: string, tag: string, contains = ""): string {
  const re = new RegExp(`<${tag}(?=[\\s>/])[^>]*>`, "g");
  for (const match of html.matchAll(re)) if (match[0].includes(contains)) return match[0];
  throw new Error(`no <${tag}> containing ${JSON.stringify(contains)} in:\n${html}`);
}

/** All opening tags of `tag`. */
export function findTags(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?=[\\s>/])[^>]*>`, "g"))].map((m) => m[0]);
}

/** An attribute's value in an opening tag, or undefined when absent. */
export function attr(tagText: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tagText);
  return match?.[1];
}
