import { problemDetailsSchema } from "@plinto/contracts";
import type { z } from "zod";
import { PlintoApiError, PlintoNetworkError } from "../errors";

/** How a client reaches the API: where, with which credential, and how patiently. */
export interface Transport {
  baseUrl: string;
  /** Sent as `Authorization: Bearer`. */
  token: string | undefined;
  /** Extra headers on every request (e.g. `Plinto-Tenant`). */
  headers: Record<string, string>;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The success body's schema; undefined for 204 No Content. */
  schema: S;
  body?: unknown;
  /** A raw body (a file upload) instead of JSON. */
  file?: { bytes: Blob | ArrayBuffer | Uint8Array; contentType?: string };
  query?: Record<string, string | number | boolean | undefined>;
  /** Statuses other than 2xx whose body is still a valid answer (e.g. 503 from /ready). */
  acceptStatus?: number[];
  /** A file rather than a JSON answer (an export): the success body as text, unparsed. */
  asText?: boolean;
}

export type Result<S> = S extends z.ZodType ? z.infer<S> : void;

/**
 * One API request: JSON (or a file) out, the answer checked against the contract on the way in.
 * A problem document becomes a PlintoApiError; anything else unexpected a PlintoNetworkError.
 */
export async function send<S extends z.ZodType | undefined>(transport: Transport, path: string, options: RequestOptions<S>): Promise<Result<S>> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) search.set(name, String(value));
  const url = `${transport.baseUrl}${path}${search.size > 0 ? `?${search}` : ""}`;
  const headers: Record<string, string> = {
    accept: options.asText ? "text/csv, application/json, application/problem+json" : "application/json, application/problem+json",
    ...transport.headers,
  };
  if (transport.token) headers.authorization = `Bearer ${transport.token}`;
  let body: string | Blob | ArrayBuffer | undefined;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  } else if (options.file) {
    const { bytes } = options.file;
    headers["content-type"] = options.file.contentType ?? (bytes instanceof Blob && bytes.type ? bytes.type : "application/octet-stream");
    body = bytes instanceof Uint8Array ? new Blob([bytes as Uint8Array<ArrayBuffer>]) : bytes;
  }

  let response: Response;
  try {
    response = await transport.fetch(url, {
      method: options.method ?? "GET",
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(transport.timeoutMs),
    });
  } catch (error) {
    throw new PlintoNetworkError(`Could not reach Plinto at ${url}`, url, { cause: error });
  }

  if (response.status === 204 && options.schema === undefined) return undefined as Result<S>;
  if (options.asText && response.ok) return (await response.text()) as Result<S>;

  let parsedBody: unknown;
  try {
    parsedBody = await response.json();
  } catch (error) {
    throw new PlintoNetworkError(`Plinto at ${url} answered ${response.status} without JSON`, url, { cause: error, status: response.status });
  }

  if ((response.ok || options.acceptStatus?.includes(response.status)) && options.schema) {
    const parsed = options.schema.safeParse(parsedBody);
    if (parsed.success) return parsed.data as Result<S>;
    if (response.ok) {
      throw new PlintoNetworkError(`Plinto at ${url} answered in an unexpected shape`, url, { cause: parsed.error, status: response.status });
    }
  }
  const problem = problemDetailsSchema.safeParse(parsedBody);
  if (!response.ok && problem.success) throw new PlintoApiError(problem.data);
  throw new PlintoNetworkError(`Plinto at ${url} answered ${response.status} in an unexpected shape`, url, { status: response.status });
}
