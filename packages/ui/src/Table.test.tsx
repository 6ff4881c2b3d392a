import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "./Table";
import { attr, findTag, findTags } from "./testing";

const html = renderToStaticMarkup(
  <Table caption="Sites and ports">
    <TableHead>
      <TableRow>
        <TableHeaderCell>Site</TableHeaderCell>
        <TableHeaderCell>Port</TableHeaderCell>
      </TableRow>
    </TableHead>
    <TableBody>
      <TableRow>
        <TableHeaderCell scope="row">docs</TableHeaderCell>
        <TableCell>3001</TableCell>
      </TableRow>
    </TableBody>
  </Table>,
);

describe("Table", () => {
  it("has a caption that also names its scrollable, focusable region", () => {
    const caption = findTag(html, "caption");
    expect(html).toMatch(/<caption[^>]*>Sites and ports<\/caption>/);
    const region = findTag(html, "div", 'role="region"');
    expect(attr(region, "aria-labelledby")).toBe(attr(caption, "id"));
    expect(attr(region, "tabindex")).toBe("0");
  });

  it("scopes column headers to columns and row headers to rows", () => {
    expect(findTags(html, "th").map((th) => attr(th, "scope"))).toEqual(["col", "col", "row"]);
  });

  it("can keep the caption for screen readers only", () => {
    const hidden = renderToStaticMarkup(<Table caption="Hidden" hideCaption />);
    expect(attr(findTag(hidden, "caption"), "class")).toBe("sr-only");
  });
});
