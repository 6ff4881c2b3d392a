import { ImageResponse } from "next/og";

/** The size every Open Graph image of the site has: 1200×630, what the big link previews use. */
export const ogSize = { width: 1200, height: 630 };
export const ogContentType = "image/png";

/**
 * One Open Graph card: the Plinto mark, a kicker, the page's title and a line under it. Drawn by
 * next/og at request or build time with its bundled font, so nothing is fetched from elsewhere.
 */
export function ogImage({ kicker, title, subtitle }: { kicker: string; title: string; subtitle: string }): ImageResponse {
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: "72px 80px",
          background: "linear-gradient(135deg, #1b2f6d 0%, #2451d6 100%)",
          color: "white",
        }}
      >
        <div style={{ display: "flex", alignItems: "center", gap: 20 }}>
          <svg width="64" height="64" viewBox="0 0 32 32">
            <rect width="32" height="32" rx="7" fill="white" />
            <path d="M8 23h16M11 23V12h10v11M9 12h14" stroke="#2451d6" strokeWidth="2.5" strokeLinecap="round" fill="none" />
          </svg>
          <div style={{ fontSize: 40, fontWeight: 700 }}>Plinto</div>
          <div style={{ fontSize: 28, color: "#bfd3fe", marginLeft: 12 }}>{kicker}</div>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 24 }}>
          <div style={{ fontSize: 68, fontWeight: 700, lineHeight: 1.1, maxWidth: 1040 }}>{title}</div>
          <div style={{ fontSize: 32, color: "#dbe6fe", lineHeight: 1.35, maxWidth: 1040 }}>{subtitle}</div>
        </div>
      </div>
    ),
    { ...ogSize },
  );
}
