import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Nav } from "./Nav";
import { SiteShell } from "./SiteShell";
import { attr, findTag, findTags } from "./testing";

describe("SiteShell", () => {
  const html = renderToStaticMarkup(
    <SiteShell siteName="Docs" nav={<Nav label="Main" items={[{ href: "/", label: "Get started" }]} currentPath="/" />} footer={<p>Footer text</p>}>
      <h1>Page</h1>
    </SiteShell>,
  );

  it("starts with a skip link that targets the main landmark", () => {
    const firstLink = findTags(html, "a")[0]!;
    expect(attr(firstLink, "href")).toBe("#main");
    expect(html).toMatch(/<a[^>]*href="#main"[^>]*>Skip to content<\/a>/);
    const main = findTag(html, "main");
    expect(attr(main, "id")).toBe("main");
    expect(attr(main, "tabindex")).toBe("-1");
  });

  it("puts the product name and nav in a header, the page in main, and a footer last", () => {
    const header = html.slice(html.indexOf("<header"), html.indexOf("</header>"));
    expect(header).toContain("Plinto");
    expect(header).toContain("Docs");
    expect(header).toContain('aria-label="Main"');
    expect(html).toMatch(/<main[^>]*><h1>Page<\/h1><\/main>/);
    expect(html.indexOf("<footer")).toBeGreaterThan(html.indexOf("</main>"));
    expect(html).toContain("Footer text");
  });
});
