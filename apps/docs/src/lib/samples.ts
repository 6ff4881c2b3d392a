/**
 * Code samples live in `samples/*.ts` (type-checked with the package) and are shown from there:
 * `<Sample file="getting-started.ts" region="register" />` in MDX shows the lines between
 * `// #region register` and `// #endregion register`; without `region`, the whole file without
 * its region markers.
 */
const REGION_START = /^\s*\/\/ #region (\S+)\s*$/;
const REGION_END = /^\s*\/\/ #endregion(?: (\S+))?\s*$/;

function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(cut))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

/** Every region of one sample file, and the whole file under the key `""`. */
export function sampleRegions(file: string, source: string): Map<string, string> {
  const lines = source.split("\n");
  const regions = new Map<string, string>();
  const open = new Map<string, number>();
  lines.forEach((line, index) => {
    const start = REGION_START.exec(line);
    if (start) {
      if (open.has(start[1]!)) throw new Error(`${file}:${index + 1}: region "${start[1]}" opened twice`);
      open.set(start[1]!, index);
      return;
    }
    const end = REGION_END.exec(line);
    if (end) {
      const name = end[1] ?? [...open.keys()].at(-1);
      const from = name === undefined ? undefined : open.get(name);
      if (name === undefined || from === undefined) throw new Error(`${file}:${index + 1}: #endregion without a matching #region`);
      open.delete(name);
      regions.set(name, dedent(lines.slice(from + 1, index).filter((l) => !REGION_START.test(l) && !REGION_END.test(l))));
    }
  });
  if (open.size > 0) throw new Error(`${file}: region "${[...open.keys()][0]}" is never closed`);
  regions.set("", dedent(lines.filter((l) => !REGION_START.test(l) && !REGION_END.test(l))));
  return regions;
}

export const sampleKey = (file: string, region = "") => (region ? `${file}#${region}` : file);

/** `<Sample file="…" region="…" />` references in an MDX source. */
export function sampleReferences(source: string): Array<{ file: string; region: string }> {
  return [...source.matchAll(/<Sample\s+([^>]*?)\/>/g)].map(([, attributes]) => ({
    file: /file="([^"]+)"/.exec(attributes!)?.[1] ?? "",
    region: /region="([^"]+)"/.exec(attributes!)?.[1] ?? "",
  }));
}

/** Code fences that must be sample files instead: TypeScript and JavaScript are type-checked there. */
export function inlineCodeFences(source: string): string[] {
  return [...source.matchAll(/^\s*```(ts|tsx|typescript|js|jsx|javascript|mjs)\b/gm)].map((m) => m[1]!);
}
