import { describe, expect, it } from "vitest";
import { inlineCodeFences, sampleReferences, sampleRegions } from "./samples";

describe("sampleRegions", () => {
  const source = [
    "// header",
    "// #region outer",
    "import x from 'x';",
    "function f() {",
    "  // #region inner",
    "  return x;",
    "  // #endregion inner",
    "}",
    "// #endregion outer",
  ].join("\n");

  it("gives each region's lines, dedented and without markers, and the whole file without markers", () => {
    const regions = sampleRegions("a.ts", source);
    expect(regions.get("inner")).toBe("return x;");
    expect(regions.get("outer")).toBe("import x from 'x';\nfunction f() {\n  return x;\n}");
    expect(regions.get("")).toBe("// header\nimport x from 'x';\nfunction f() {\n  return x;\n}");
  });

  it("refuses unbalanced markers", () => {
    expect(() => sampleRegions("a.ts", "// #region a\nx")).toThrow('a.ts: region "a" is never closed');
    expect(() => sampleRegions("a.ts", "x\n// #endregion a")).toThrow("a.ts:2: #endregion without a matching #region");
  });
});

describe("MDX checks", () => {
  it("finds sample references and TypeScript fences", () => {
    const mdx = 'Text\n\n<Sample file="a.ts" region="r" />\n<Sample file="b.ts" />\n\n```ts\nconst a = 1;\n```\n\n```sh\nnpm start\n```';
    expect(sampleReferences(mdx)).toEqual([
      { file: "a.ts", region: "r" },
      { file: "b.ts", region: "" },
    ]);
    expect(inlineCodeFences(mdx)).toEqual(["ts"]);
  });
});
