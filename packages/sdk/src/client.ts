import {
  applicationIdSchema,
  applicationListResponseSchema,
  applicationResponseSchema,
  applicationSecretRotatedResponseSchema,
  healthResponseSchema,
  readyResponseSchema,
  rotateSigningKeysResponseSchema,
  signingKeyListResponseSchema,
  type Application,
  type ApplicationResponse,
  type ApplicationSecretRotatedResponse,
  type CreateApplicationRequest,
  type HealthResponse,
  type ReadyResponse,
  type rotateSigningKeysRequestSchema,
  type SigningKey,
  type UpdateApplicationRequest,
} from "@plinto/contracts";
import type { z } from "zod";
import { send, type RequestOptions, type Result, type Transport } from "./internal/transport";
import { analyticsApi, apiKeysApi, auditEventsApi, billingApi, organizationsApi, permissionsApi, rolesApi, settingsApi, tenantsApi, usersApi, type Call, type CallText } from "./management";

export type RotateSigningKeysRequest = z.input<typeof rotateSigningKeysRequestSchema>;
export type RotateSigningKeysResponse = z.infer<typeof rotateSigningKeysResponseSchema>;

export interface PlintoClientOptions {
  /** Where the Plinto API lives, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** A management API key (`plinto_sk_…`), sent as `Authorization: Bearer`. Keep it on your server. */
  apiKey?: string;
  /**
   * An admin's access token for the API instead of an API key (a JWT from the platform tenant for
   * the `{API_URL}/v1` resource), also sent as a bearer token.
   */
  token?: string;
  /** With `token`: the slug of the tenant to manage (sent as `Plinto-Tenant`); default the platform tenant. */
  tenant?: string;
  /** Bring your own fetch (tests, edge runtimes); defaults to the global one. */
  fetch?: typeof fetch;
  /** Give up on a request after this long. Default 10 000 ms. */
  timeoutMs?: number;
}


/** `/v1/applications`: the tenant's OIDC clients (API key scopes `applications:read` / `applications:write`). */
export interface ApplicationsApi {
  /** Newest first. */
  list(): Promise<Application[]>;
  /** A confidential application's `clientSecret` is in this answer only: store it now. */
  create(input: CreateApplicationRequest): Promise<ApplicationResponse>;
  get(applicationId: string): Promise<Application>;
  /** Only the fields sent change. A move to a secret-based auth method returns a new `clientSecret` once. */
  update(applicationId: string, changes: UpdateApplicationRequest): Promise<ApplicationResponse>;
  /** Deletes it with its tokens, grants and consents. */
  delete(applicationId: string): Promise<void>;
  /** A new client secret; the old one stops working at once. */
  rotateSecret(applicationId: string): Promise<ApplicationSecretRotatedResponse>;
}

/** `/v1/signing-keys`: the tenant's token signing keys (scopes `signing_keys:read` / `signing_keys:write`). */
export interface SigningKeysApi {
  /** Newest first: next, active and retired keys. */
  list(): Promise<SigningKey[]>;
  /** The published next key starts signing; the old one stays in the JWKS until its tokens expire. */
  rotate(input?: RotateSigningKeysRequest): Promise<RotateSigningKeysResponse>;
}

/** The typed client for Plinto's API. Every response is checked against the wire contract. */
export class PlintoClient {
  readonly baseUrl: string;
  readonly applications: ApplicationsApi;
  readonly signingKeys: SigningKeysApi;
  readonly users: ReturnType<typeof usersApi>;
  readonly organizations: ReturnType<typeof organizationsApi>;
  readonly roles: ReturnType<typeof rolesApi>;
  readonly permissions: ReturnType<typeof permissionsApi>;
  readonly apiKeys: ReturnType<typeof apiKeysApi>;
  readonly settings: ReturnType<typeof settingsApi>;
  readonly tenants: ReturnType<typeof tenantsApi>;
  readonly billing: ReturnType<typeof billingApi>;
  readonly analytics: ReturnType<typeof analyticsApi>;
  readonly auditEvents: ReturnType<typeof auditEventsApi>;
  readonly #transport: Transport;

  constructor(options: PlintoClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`PlintoClient: baseUrl "${options.baseUrl}" is not an absolute URL`);
    }
    if (options.apiKey && options.token) throw new TypeError("PlintoClient: give apiKey or token, not both");
    this.baseUrl = url.toString().replace(/\/+$/, "");
    if (options.tenant !== undefined && !options.token) throw new TypeError("PlintoClient: tenant goes with an admin token; an API key belongs to one tenant");
    this.#transport = {
      baseUrl: this.baseUrl,
      token: options.apiKey ?? options.token,
      headers: options.tenant ? { "plinto-tenant": options.tenant } : {},
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      timeoutMs: options.timeoutMs ?? 10_000,
    };

    const app = (id: string, suffix = "") => `/v1/applications/${encodeURIComponent(applicationId(id))}${suffix}`;
    this.applications = {
      list: async () => (await this.#request("/v1/applications", { schema: applicationListResponseSchema })).applications,
      create: async (input) => this.#request("/v1/applications", { method: "POST", body: input, schema: applicationResponseSchema }),
      get: async (id) => (await this.#request(app(id), { schema: applicationResponseSchema })).application,
      update: async (id, changes) => this.#request(app(id), { method: "PATCH", body: changes, schema: applicationResponseSchema }),
      delete: async (id) => this.#request(app(id), { method: "DELETE", schema: undefined }),
      rotateSecret: async (id) => this.#request(app(id, "/rotate-secret"), { method: "POST", schema: applicationSecretRotatedResponseSchema }),
    };
    this.signingKeys = {
      list: async () => (await this.#request("/v1/signing-keys", { schema: signingKeyListResponseSchema })).keys,
      rotate: async (input = {}) => this.#request("/v1/signing-keys/rotate", { method: "POST", body: input, schema: rotateSigningKeysResponseSchema }),
    };
    const call: Call = (method, path, schema, options = {}) => this.#request(path, { method, schema, ...options }) as never;
    this.users = usersApi(call);
    this.organizations = organizationsApi(call);
    this.roles = rolesApi(call);
    this.permissions = permissionsApi(call);
    this.apiKeys = apiKeysApi(call);
    this.settings = settingsApi(call);
    this.tenants = tenantsApi(call);
    this.billing = billingApi(call);
    this.analytics = analyticsApi(call);
    const callText: CallText = (path, query) => this.#request(path, { schema: undefined, query, asText: true }) as never;
    this.auditEvents = auditEventsApi(call, callText);
  }

  /**
   * Every item of a paged list, page by page: `for await (const user of plinto.paginate((cursor) =>
   * plinto.users.list({ cursor }), "users")) …`.
   */
  async *paginate<K extends string, T>(
    page: (cursor: string | undefined) => Promise<{ [key in K]: T[] } & { nextCursor: string | null }>,
    key: K,
  ): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const result = await page(cursor);
      yield* result[key];
      cursor = result.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Liveness: the API process is up. */
  health(): Promise<HealthResponse> {
    return this.#request("/health", { schema: healthResponseSchema });
  }

  /** Readiness: database reachable and migrations applied. A not-ready API answers, it does not throw. */
  ready(): Promise<ReadyResponse> {
    return this.#request("/ready", { schema: readyResponseSchema, acceptStatus: [503] });
  }

  #request<S extends z.ZodType | undefined>(path: string, options: RequestOptions<S>): Promise<Result<S>> {
    return send(this.#transport, path, options);
  }
}

/** Application ids are `app_` + a ULID; anything else would only ever be not_found, or worse, a different path. */
function applicationId(id: string): string {
  if (!applicationIdSchema.safeParse(id).success) throw new TypeError(`"${id}" is not an application id (app_…)`);
  return id;
}
