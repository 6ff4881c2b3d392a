import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Nav } from "./Nav";
import { attr, findTag, findTags } from "./testing";

const items = [
  { href: "/", label: "Overview" },
  { href: "/users", label: "Users", items: [{ href: "/users#invite", label: "Invite" }] },
  { href: "https://docs.example.com", label: "Docs" },
];

describe("Nav", () => {
  it("is a labelled navigation landmark", () => {
    const html = renderToStaticMarkup(<Nav label="Main" items={items} />);
    expect(attr(findTag(html, "nav"), "aria-label")).toBe("Main");
    expect(findTags(html, "a")).toHaveLength(4);
  });

  it("marks exactly the current page's link with aria-current", () => {
    const html = renderToStaticMarkup(<Nav label="Main" items={items} currentPath="/users" />);
    const current = findTags(html, "a").filter((a) => attr(a, "aria-current") === "page");
    expect(current).toHaveLength(1);
    expect(attr(current[0]!, "href")).toBe("/users");
  });

  it("marks nothing without a match, and honours an explicit current flag", () => {
    expect(renderToStaticMarkup(<Nav label="Main" items={items} currentPath="/nowhere" />)).not.toContain("aria-current");
    const html = renderToStaticMarkup(<Nav label="Main" items={[{ href: "/a", label: "A", current: true }]} currentPath="/b" />);
    expect(attr(findTag(html, "a"), "aria-current")).toBe("page");
  });
});
