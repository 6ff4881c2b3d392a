import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CodeBlock } from "./CodeBlock";
import { attr, findTag } from "./testing";

describe("CodeBlock", () => {
  it("wraps long lines rather than scrolling, and captions a labelled block", () => {
    const html = renderToStaticMarkup(<CodeBlock label="Terminal">npm start</CodeBlock>);
    expect(attr(findTag(html, "pre"), "class")).toContain("whitespace-pre-wrap");
    expect(html).toMatch(/<figure[^>]*><figcaption[^>]*>Terminal<\/figcaption><pre[^>]*><code>npm start<\/code><\/pre><\/figure>/);
  });
});
