import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button, ButtonLink } from "./Button";
import { attr, findTag } from "./testing";

describe("Button", () => {
  it("is a non-submitting button by default with a visible focus style", () => {
    const button = findTag(renderToStaticMarkup(<Button>Save</Button>), "button");
    expect(attr(button, "type")).toBe("button");
    expect(attr(button, "class")).toContain("focus-visible:outline");
    expect(findTag(renderToStaticMarkup(<Button type="submit">Save</Button>), "button")).toContain('type="submit"');
  });

  it("renders variants differently and a ButtonLink as a real link", () => {
    const primary = attr(findTag(renderToStaticMarkup(<Button>A</Button>), "button"), "class");
    const danger = attr(findTag(renderToStaticMarkup(<Button variant="danger">A</Button>), "button"), "class");
    expect(primary).toContain("bg-brand-600");
    expect(danger).toContain("bg-danger");
    const link = findTag(renderToStaticMarkup(<ButtonLink href="/docs" variant="secondary">Read the docs</ButtonLink>), "a");
    expect(attr(link, "href")).toBe("/docs");
  });
});
