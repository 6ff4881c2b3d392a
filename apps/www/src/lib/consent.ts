/**
 * The visitor's answer to the cookie banner, kept in one first-party cookie. Until there is an
 * answer the site records nothing; "denied" is remembered as carefully as "granted", so the banner
 * does not come back on every page. No other cookie is ever set by this site.
 */
export const CONSENT_COOKIE = "plinto_consent";
export const CONSENT_CHOICES = ["granted", "denied"] as const;
export type ConsentChoice = (typeof CONSENT_CHOICES)[number];
/** How long an answer is remembered: 180 days, after which the banner asks again. */
export const CONSENT_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** The choice a cookie value stands for; anything else (missing, tampered, an old format) is no answer. */
export function parseConsent(value: string | null | undefined): ConsentChoice | null {
  return value === "granted" || value === "denied" ? value : null;
}

/**
 * The consent cookie's value from a whole `Cookie` request header (RFC 6265 §5.4: `name=value`
 * pairs separated by `; `). The first pair with our name wins, as browsers send the most specific
 * path first.
 */
export function consentFromCookieHeader(header: string | null | undefined): ConsentChoice | null {
  if (!header) return null;
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at === -1) continue;
    if (pair.slice(0, at).trim() !== CONSENT_COOKIE) continue;
    let value = pair.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return parseConsent(value);
  }
  return null;
}

/**
 * The `Set-Cookie` header that remembers a choice: first-party (no Domain), the whole site (Path=/),
 * not readable by scripts (HttpOnly: the server hands the choice to the page), sent on top-level
 * navigations only (SameSite=Lax), and Secure whenever the site is served over https.
 */
export function consentSetCookie(choice: ConsentChoice, { secure }: { secure: boolean }): string {
  const parts = [`${CONSENT_COOKIE}=${choice}`, "Path=/", `Max-Age=${CONSENT_MAX_AGE_SECONDS}`, "HttpOnly", "SameSite=Lax"];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
