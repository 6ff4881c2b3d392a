import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Operation } from "@plinto/contracts";

const appDir = join(import.meta.dirname, "..", "src", "app");

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route file Next serves an operation from: `/v1/users/{user}` → `src/app/v1/users/[user]/route.ts`. */
export function routeFileOf(op: Pick<Operation, "path">): string {
  const segments = op.path.split("/").filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, "[$1]"));
  return join(appDir, ...segments, "route.ts");
}

/**
 * Calls an operation's route handler the way Next does: a Request for the URL, and the path
 * parameters as a promise. The handler is the real one, so the request meets the same parsing,
 * authorization and services as over the network.
 */
export async function callOperation(
  op: Pick<Operation, "method" | "path">,
  input: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    /** A raw body (a file upload) instead of JSON, with the Content-Type to claim, if any. */
    raw?: { bytes: Uint8Array; contentType?: string };
    headers?: Record<string, string>;
    baseUrl?: string;
  },
): Promise<Response> {
  const file = routeFileOf(op);
  if (!existsSync(file)) throw new Error(`No route file for ${op.method.toUpperCase()} ${op.path} (${file})`);
  const routeModule = (await import(file)) as Record<string, Handler | undefined>;
  const handler = routeModule[op.method.toUpperCase()];
  if (!handler) throw new Error(`${file} exports no ${op.method.toUpperCase()}`);
  const params = input.params ?? {};
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No value for {${name}} in ${op.path}`);
    return encodeURIComponent(params[name]!);
  });
  const url = new URL(path, input.baseUrl ?? "http://localhost:4000");
  for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(input.headers);
  let body: string | Blob | undefined;
  if (input.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(input.body);
  } else if (input.raw) {
    if (input.raw.contentType) headers.set("content-type", input.raw.contentType);
    body = new Blob([input.raw.bytes as Uint8Array<ArrayBuffer>]);
  }
  return handler(new Request(url, { method: op.method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) }), {
    params: Promise.resolve(params),
  });
}
