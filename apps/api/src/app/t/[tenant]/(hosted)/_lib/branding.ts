/**
 * A tenant's branding as the hosted pages apply it: a display name, an optional logo and a primary
 * colour. Everything here comes from tenant settings an admin typed, so it is checked before use:
 * the colour must be a hex colour (it lands in a style attribute), the logo an https URL (the
 * Content-Security-Policy allows images from https: only, besides this origin).
 */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb` or `#rrggbb` (any case) as numbers, or undefined for anything else. */
export function parseHexColor(value: unknown): Rgb | undefined {
  if (typeof value !== "string") return undefined;
  const hex = value.trim();
  if (!HEX_COLOR.test(hex)) return undefined;
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return {
    r: Number.parseInt(digits.slice(0, 2), 16),
    g: Number.parseInt(digits.slice(2, 4), 16),
    b: Number.parseInt(digits.slice(4, 6), 16),
  };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2.x relative luminance. */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
}

/** WCAG 2.x contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };

/** `amount` of `toward` mixed into `color` (0 = color, 1 = toward). */
function mix(color: Rgb, toward: Rgb, amount: number): Rgb {
  return {
    r: Math.round(color.r + (toward.r - color.r) * amount),
    g: Math.round(color.g + (toward.g - color.g) * amount),
    b: Math.round(color.b + (toward.b - color.b) * amount),
  };
}

/** The contrast WCAG AA asks of normal text (1.4.3); white button text sits on the primary colour. */
export const AA_TEXT_CONTRAST = 4.5;

/**
 * The colour itself when white text on it meets AA, otherwise the same hue darkened just enough:
 * a tenant choosing a light yellow still gets readable buttons and links.
 */
export function accessiblePrimary(color: Rgb): Rgb {
  let candidate = color;
  for (let step = 1; contrastRatio(candidate, WHITE) < AA_TEXT_CONTRAST && step <= 50; step += 1) {
    candidate = mix(color, BLACK, step / 50);
  }
  return candidate;
}

/**
 * The theme's brand scale (`--color-brand-50` … `-900`, what packages/ui's classes read) derived
 * from the tenant's primary colour, as CSS custom properties for a style attribute. Undefined when
 * the colour is missing or not a hex colour: the pages keep Plinto's own theme.
 */
export function brandStyle(primaryColor: unknown): Record<`--color-brand-${number}`, string> | undefined {
  const parsed = parseHexColor(primaryColor);
  if (!parsed) return undefined;
  const primary = accessiblePrimary(parsed);
  return {
    "--color-brand-50": toHex(mix(primary, WHITE, 0.93)),
    "--color-brand-100": toHex(mix(primary, WHITE, 0.86)),
    "--color-brand-200": toHex(mix(primary, WHITE, 0.72)),
    "--color-brand-500": toHex(mix(primary, WHITE, 0.12)),
    "--color-brand-600": toHex(primary),
    "--color-brand-700": toHex(mix(primary, BLACK, 0.15)),
    "--color-brand-800": toHex(mix(primary, BLACK, 0.3)),
    "--color-brand-900": toHex(mix(primary, BLACK, 0.45)),
  };
}

/** The logo's address when it is an absolute https URL of sensible length, else undefined. */
export function safeLogoUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}
