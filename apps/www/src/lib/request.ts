import { errorCatalog, problemType, PROBLEM_CONTENT_TYPE, type ErrorCode } from "@plinto/contracts";

/**
 * Whether a state-changing request comes from this site's own pages. A browser names where a
 * request comes from in `Sec-Fetch-Site` and `Origin`; another site's form or script can therefore
 * not set a visitor's consent, record events in their name or post the contact form. Clients that
 * are not browsers (curl) send neither header and act only for themselves, so they pass.
 */
export function isSameOrigin(headers: Headers, allowedOrigins: readonly string[]): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (origin !== null && !allowedOrigins.includes(origin)) return false;
  return true;
}

/** A path on this site to send the browser back to, or `/` when the value is not one. */
export function localPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value.length > 300 ? "/" : value;
}

/** An RFC 9457 problem answer in the API's format (same codes, same `type` URLs). */
export function problem(code: ErrorCode, detail?: string, errors?: { path: string; message: string }[]): Response {
  const { status, title } = errorCatalog[code];
  return new Response(JSON.stringify({ type: problemType(code), title, status, code, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) }), {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" },
  });
}

/** A zod error as the problem's `errors` list: one entry per field, in the form's own words. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

/**
 * Reads a small request body as text, refusing more than `limit` bytes before parsing anything.
 * Returns null when the body is too large.
 */
export async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  const text = await request.text();
  return new TextEncoder().encode(text).byteLength > limit ? null : text;
}
