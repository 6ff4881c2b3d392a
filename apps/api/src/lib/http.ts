import { errorCatalog, problemType, PROBLEM_CONTENT_TYPE, type ErrorCode } from "@plinto/contracts";

/** A JSON response that is never cached: identity answers are per-request. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** `204 No Content`, never cached. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

/** An RFC 9457 problem response for one of the catalogued error codes. */
export function problem(code: ErrorCode, detail?: string, extra: Record<string, unknown> = {}): Response {
  const { status, title } = errorCatalog[code];
  return new Response(JSON.stringify({ type: problemType(code), title, status, code, detail, ...extra }), {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" },
  });
}
