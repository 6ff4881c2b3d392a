import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Alert } from "./Alert";
import { attr, findTag } from "./testing";

const roleOf = (html: string) => attr(findTag(html, "div"), "role");

describe("Alert", () => {
  it("announces info and success politely as a status", () => {
    expect(roleOf(renderToStaticMarkup(<Alert>Saved.</Alert>))).toBe("status");
    expect(roleOf(renderToStaticMarkup(<Alert variant="success">Saved.</Alert>))).toBe("status");
  });

  it("interrupts for warnings and errors", () => {
    expect(roleOf(renderToStaticMarkup(<Alert variant="warning">Careful.</Alert>))).toBe("alert");
    expect(roleOf(renderToStaticMarkup(<Alert variant="danger" title="Failed">Try again.</Alert>))).toBe("alert");
  });

  it("lets the caller override the role and hides the icon from screen readers", () => {
    const html = renderToStaticMarkup(<Alert variant="danger" role="note" title="Heads up" />);
    expect(roleOf(html)).toBe("note");
    expect(attr(findTag(html, "svg"), "aria-hidden")).toBe("true");
    expect(html).toContain("Heads up");
  });
});
