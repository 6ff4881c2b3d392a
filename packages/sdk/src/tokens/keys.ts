import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey, type RemoteJWKSet } from "jose";
import { checkIssuer, discoveryUrl, secureUrl } from "../internal/urls";
import { JwksUnavailableError } from "./errors";

export interface KeySourceOptions {
  /** The issuer identifier, exactly as it appears in `iss`, e.g. `https://auth.example.com/t/acme`. */
  issuer: string;
  /** Where the issuer's keys are. Default: `jwks_uri` from the issuer's discovery document. */
  jwksUri?: string;
  /**
   * After a fetch, a token with an unknown `kid` triggers another fetch only once this long has
   * passed, so a flood of made-up key ids cannot hammer the issuer. Default 30 000 ms.
   */
  jwksCooldownMs?: number;
  /** Keys are refetched when the cached set is older than this. Default 600 000 ms (10 minutes). */
  jwksCacheMaxAgeMs?: number;
  /** Give up on a discovery or JWKS request after this long. Default 5 000 ms. */
  timeoutMs?: number;
  /** Bring your own fetch (edge runtimes, tests). Default: the global one. */
  fetch?: typeof fetch;
  /** Accept plain http for a non-loopback issuer. Only for tests on private networks. */
  allowInsecureRequests?: boolean;
}

/** How long a failed discovery is remembered before another request may try again. */
const DISCOVERY_RETRY_MS = 5_000;

/**
 * One issuer's signing keys: the JWKS location (given, or found through discovery once) and a
 * jose remote JWK Set, which caches the keys, refetches on an unknown `kid` at most once per
 * cooldown, and shares one in-flight request between concurrent callers.
 */
export class KeySource {
  readonly issuer: string;
  readonly #options: KeySourceOptions;
  #remote: RemoteJWKSet | undefined;
  #pending: Promise<RemoteJWKSet> | undefined;
  #failure: { error: unknown; at: number } | undefined;

  constructor(options: KeySourceOptions) {
    this.issuer = checkIssuer(options.issuer, options.allowInsecureRequests);
    if (options.jwksUri !== undefined) secureUrl(options.jwksUri, "jwksUri", options.allowInsecureRequests);
    this.#options = options;
  }

  /** The key resolver jose's jwtVerify calls; fetch failures become JwksUnavailableError. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const remote = await this.#jwks();
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      // A key in the set that cannot be used for this alg: the token points at nothing usable.
      if (error instanceof errors.JOSENotSupported || error instanceof errors.JWKInvalid) {
        throw new errors.JWKSNoMatchingKey(undefined, { cause: error });
      }
      throw new JwksUnavailableError(`Could not fetch the signing keys of ${this.issuer}`, this.#options.jwksUri ?? this.issuer, {
        cause: error,
      });
    }
  };

  /** Fetches the keys now, ignoring the cooldown (e.g. after being told the issuer rotated). */
  async reload(): Promise<void> {
    await (await this.#jwks()).reload();
  }

  #jwks(): Promise<RemoteJWKSet> {
    if (this.#remote) return Promise.resolve(this.#remote);
    if (this.#failure && Date.now() - this.#failure.at < DISCOVERY_RETRY_MS) return Promise.reject(this.#failure.error);
    this.#pending ??= this.#locate()
      .then((url) => {
        const fetchImpl = this.#options.fetch;
        this.#remote = createRemoteJWKSet(url, {
          cooldownDuration: this.#options.jwksCooldownMs ?? 30_000,
          cacheMaxAge: this.#options.jwksCacheMaxAgeMs ?? 600_000,
          timeoutDuration: this.#options.timeoutMs ?? 5_000,
          ...(fetchImpl ? { [customFetch]: (input: string, init: RequestInit) => fetchImpl(input, init) } : {}),
        });
        this.#failure = undefined;
        return this.#remote;
      })
      .catch((error: unknown) => {
        this.#failure = { error, at: Date.now() };
        throw error;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  async #locate(): Promise<URL> {
    const { jwksUri, allowInsecureRequests } = this.#options;
    if (jwksUri) return secureUrl(jwksUri, "jwksUri", allowInsecureRequests);
    const url = discoveryUrl(this.issuer);
    let metadata: unknown;
    try {
      const response = await (this.#options.fetch ?? fetch)(url, {
        headers: { accept: "application/json" },
        redirect: "manual",
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
      });
      if (response.status !== 200) throw new Error(`discovery answered ${response.status}`);
      metadata = await response.json();
    } catch (cause) {
      throw new JwksUnavailableError(`Could not read the discovery document of ${this.issuer}`, url.href, { cause });
    }
    const { issuer, jwks_uri } = (metadata ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
    // OIDC Discovery §4.3: the document must name exactly the issuer we asked about.
    if (issuer !== this.issuer) {
      throw new JwksUnavailableError(`The discovery document at ${url.href} names issuer ${String(issuer)}, not ${this.issuer}`, url.href);
    }
    if (typeof jwks_uri !== "string") throw new JwksUnavailableError(`The discovery document at ${url.href} has no jwks_uri`, url.href);
    try {
      return secureUrl(jwks_uri, "jwks_uri", allowInsecureRequests);
    } catch (cause) {
      throw new JwksUnavailableError(`The discovery document at ${url.href} names an unusable jwks_uri`, url.href, { cause });
    }
  }
}
