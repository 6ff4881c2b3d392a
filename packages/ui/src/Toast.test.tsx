import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ToastProvider, useToast } from "./Toast";
import { attr, findTag } from "./testing";

describe("Toast", () => {
  it("renders a labelled, polite live region from the first render", () => {
    const html = renderToStaticMarkup(<ToastProvider><p>App</p></ToastProvider>);
    expect(attr(findTag(html, "section"), "aria-label")).toBe("Notifications");
    expect(attr(findTag(html, "ol"), "aria-live")).toBe("polite");
  });

  it("refuses useToast outside the provider", () => {
    function Orphan() {
      useToast();
      return null;
    }
    expect(() => renderToStaticMarkup(<Orphan />)).toThrow(/ToastProvider/);
  });
});
