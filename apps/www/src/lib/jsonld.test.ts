import { describe, expect, it } from "vitest";
import { jsonLdText, organizationJsonLd } from "./jsonld";

describe("jsonLdText", () => {
  it("cannot close the script element it is written into", () => {
    const text = jsonLdText({ name: "</script><script>alert(1)</script>", note: "<!-- & -->" });
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual({ name: "</script><script>alert(1)</script>", note: "<!-- & -->" });
  });

  it("describes the organization at the site's address", () => {
    expect(organizationJsonLd("https://plinto.example")).toMatchObject({ "@type": "Organization", name: "Plinto", url: "https://plinto.example" });
  });
});
