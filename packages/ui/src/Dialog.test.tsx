import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Dialog } from "./Dialog";
import { attr, findTag } from "./testing";

describe("Dialog", () => {
  const html = renderToStaticMarkup(
    <Dialog title="Delete organization" description="This removes every member." triggerLabel="Delete…" actions={<button type="button">Delete</button>}>
      <p>Body</p>
    </Dialog>,
  );

  it("is labelled by its title and described by its description", () => {
    const dialog = findTag(html, "dialog");
    const titleId = attr(dialog, "aria-labelledby");
    expect(titleId).toBeTruthy();
    expect(html).toContain(`<h2 id="${titleId}"`);
    expect(html).toMatch(new RegExp(`<h2 id="${titleId}"[^>]*>Delete organization</h2>`));
    expect(attr(dialog, "aria-describedby")).toBe(attr(findTag(html, "p", "-description"), "id"));
  });

  it("starts closed, with a trigger announcing a dialog and a labelled close button", () => {
    expect(findTag(html, "dialog")).not.toMatch(/\sopen/);
    expect(attr(findTag(html, "button", "aria-haspopup"), "aria-haspopup")).toBe("dialog");
    expect(findTag(html, "button", 'aria-label="Close"')).toBeTruthy();
  });
});
