import { describe, expect, it } from "vitest";
import { displayNameOf } from "../../../../../services/tenants/tenants";
import { AA_TEXT_CONTRAST, brandStyle, contrastRatio, parseHexColor, safeLogoUrl } from "./branding";

const WHITE = { r: 255, g: 255, b: 255 };

describe("parseHexColor", () => {
  it("reads #rgb and #rrggbb in any case", () => {
    expect(parseHexColor("#0a7")).toEqual({ r: 0, g: 170, b: 119 });
    expect(parseHexColor("#2451D6")).toEqual({ r: 36, g: 81, b: 214 });
    expect(parseHexColor(" #ffffff ")).toEqual(WHITE);
  });

  it("refuses everything else, including attempts to break out of the style attribute", () => {
    for (const value of ["red", "#12345", "#1234567", "2451d6", "rgb(0,0,0)", "#fff; background:url(https://evil)", "#fff\"", "", null, 42, undefined]) {
      expect(parseHexColor(value), String(value)).toBeUndefined();
      expect(brandStyle(value), String(value)).toBeUndefined();
    }
  });
});

describe("brandStyle", () => {
  it("keeps a colour that already reads well under white text", () => {
    expect(brandStyle("#1c3fae")?.["--color-brand-600"]).toBe("#1c3fae");
  });

  it("darkens a light colour until white text on it meets WCAG AA, keeping its hue", () => {
    const style = brandStyle("#ffd400")!;
    const primary = parseHexColor(style["--color-brand-600"])!;
    expect(contrastRatio(primary, WHITE)).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
    expect(primary.r).toBeGreaterThan(primary.b);
  });

  it("gives every pairing packages/ui uses AA contrast, for any colour", () => {
    for (const hex of ["#ffffff", "#000000", "#ffd400", "#00ff00", "#ff00ff", "#0ea5e9", "#7c3aed", "#e11d48", "#777", "#2451d6"]) {
      const style = brandStyle(hex)!;
      const c = (n: number) => parseHexColor(style[`--color-brand-${n}`])!;
      // Buttons and the skip link: white on 600 / 700; links: 700 on white; info alerts: 900 on 50.
      expect(contrastRatio(c(600), WHITE), hex).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
      expect(contrastRatio(c(700), WHITE), hex).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
      expect(contrastRatio(c(800), c(50)), hex).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
      expect(contrastRatio(c(900), c(50)), hex).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
      for (const value of Object.values(style)) expect(value).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});

describe("safeLogoUrl", () => {
  it("accepts absolute https URLs only", () => {
    expect(safeLogoUrl("https://cdn.example.com/logo.svg")).toBe("https://cdn.example.com/logo.svg");
    for (const value of ["http://cdn.example.com/logo.png", "javascript:alert(1)", "data:image/svg+xml,<svg/>", "/logo.png", "https://user:pw@example.com/x.png", "", 7, `https://example.com/${"a".repeat(2100)}`]) {
      expect(safeLogoUrl(value), String(value).slice(0, 40)).toBeUndefined();
    }
  });
});

describe("displayNameOf", () => {
  it("prefers the branding's display name, trimmed, and falls back to the tenant's name", () => {
    expect(displayNameOf({ name: "acme", settings: { branding: { displayName: "  Acme Corp " } } })).toBe("Acme Corp");
    expect(displayNameOf({ name: "acme", settings: { branding: { displayName: "   " } } })).toBe("acme");
    expect(displayNameOf({ name: "acme", settings: {} })).toBe("acme");
  });
});
