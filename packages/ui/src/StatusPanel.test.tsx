import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EmptyState } from "./EmptyState";
import { StatusDot, StatusPill } from "./StatusDot";
import { StatusPanel } from "./StatusPanel";
import { attr, findTag } from "./testing";

describe("StatusPanel", () => {
  it("names its section by its heading and lists the checks", () => {
    const html = renderToStaticMarkup(
      <StatusPanel
        apiUrl="http://localhost:4000"
        checkedAt="2025-01-31T09:15:02.123Z"
        result={{
          reachable: true,
          overall: "ok",
          summary: "Ready",
          facts: [{ label: "Version", value: "0.1.0" }],
          checks: [
            { name: "Database", status: "ok", detail: "PGlite" },
            { name: "Migrations", status: "down", detail: "3 of 4 applied" },
          ],
        }}
      />,
    );
    const headingId = attr(findTag(html, "section"), "aria-labelledby");
    expect(html).toMatch(new RegExp(`<h2 id="${headingId}"[^>]*>Platform status</h2>`));
    expect(html).toContain("Ready");
    expect(html).toContain("3 of 4 applied");
    expect(html).toMatch(/Migrations<\/span>.*Failed<\/span>/);
    expect(html).toContain('<time dateTime="2025-01-31T09:15:02.123Z">2025-01-31 09:15:02 UTC</time>');
    expect(html).not.toContain("unreachable");
  });

  it("can be compact, with only the summary", () => {
    const html = renderToStaticMarkup(
      <StatusPanel title="Service status" apiUrl="http://x" result={{ reachable: true, overall: "ok", summary: "All systems working", checks: [] }} />,
    );
    expect(html).toContain("All systems working");
    expect(html).not.toContain("<ul");
  });

  it("says which URL it could not reach, as a status message", () => {
    const html = renderToStaticMarkup(
      <StatusPanel apiUrl="http://localhost:4000" result={{ reachable: false, error: "fetch failed" }} />,
    );
    expect(html).toContain("API unreachable at http://localhost:4000");
    expect(html).toContain("fetch failed");
    expect(attr(findTag(html, "div", "role="), "role")).toBe("status");
  });
});

describe("StatusDot, StatusPill and EmptyState", () => {
  it("never rely on colour alone", () => {
    expect(renderToStaticMarkup(<StatusDot status="down" />)).toMatch(/<span class="sr-only">Down<\/span>/);
    expect(renderToStaticMarkup(<StatusDot status="down" label={null} />)).not.toContain("sr-only");
    expect(renderToStaticMarkup(<StatusPill status="ok" />)).toContain("Operational");
  });

  it("gives an empty state a heading at the requested level", () => {
    const html = renderToStaticMarkup(<EmptyState title="No webhooks yet" headingLevel={2} description="Add an endpoint." />);
    expect(html).toMatch(/<h2[^>]*>No webhooks yet<\/h2>/);
  });
});
