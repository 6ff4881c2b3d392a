import {
  healthResponseSchema,
  problemDetailsSchema,
  readyResponseSchema,
  type HealthResponse,
  type ReadyResponse,
} from "@plinto/contracts";
import type { z } from "zod";
import { PlintoError, PlintoNetworkError } from "./errors";

export interface PlintoClientOptions {
  /** Where the Plinto API lives, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** A management API key or an access token, sent as a bearer token. */
  token?: string;
  /** Bring your own fetch (tests, edge runtimes); defaults to the global one. */
  fetch?: typeof fetch;
  /** Give up on a request after this long. */
  timeoutMs?: number;
}

interface RequestOptions<S extends z.ZodType> {
  method?: string;
  schema: S;
  /** Statuses other than 2xx whose body is still a valid answer (e.g. 503 from /ready). */
  acceptStatus?: number[];
}

/** The typed client for Plinto's API. Every response is checked against the wire contract. */
export class PlintoClient {
  readonly baseUrl: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: PlintoClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`PlintoClient: baseUrl "${options.baseUrl}" is not an absolute URL`);
    }
    this.baseUrl = url.toString().replace(/\/+$/, "");
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Liveness: the API process is up. */
  health(): Promise<HealthResponse> {
    return this.#request("/health", { schema: healthResponseSchema });
  }

  /** Readiness: database reachable and migrations applied. A not-ready API answers, it does not throw. */
  ready(): Promise<ReadyResponse> {
    return this.#request("/ready", { schema: readyResponseSchema, acceptStatus: [503] });
  }

  async #request<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.infer<S>> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;

    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: options.method ?? "GET",
        headers,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new PlintoNetworkError(`Could not reach Plinto at ${url}`, url, { cause: error });
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new PlintoNetworkError(`Plinto at ${url} answered ${response.status} without JSON`, url, { cause: error });
    }

    if (response.ok || options.acceptStatus?.includes(response.status)) {
      const parsed = options.schema.safeParse(body);
      if (parsed.success) return parsed.data;
      if (response.ok) {
        throw new PlintoNetworkError(`Plinto at ${url} answered in an unexpected shape`, url, { cause: parsed.error });
      }
    }
    const problem = problemDetailsSchema.safeParse(body);
    if (problem.success) throw new PlintoError(problem.data);
    throw new PlintoNetworkError(`Plinto at ${url} answered ${response.status} in an unexpected shape`, url);
  }
}
