import { errors, jwtVerify, type JWTHeaderParameters, type JWTPayload } from "jose";
import { JwksUnavailableError, TokenExpiredError, TokenInvalidError } from "./errors";
import { KeySource, type KeySourceOptions } from "./keys";

/**
 * The only signature algorithms a Plinto tenant signs with, and the only ones accepted here:
 * never `none`, never an HMAC (HS*) whose "key" would be the issuer's public key.
 */
export const ALLOWED_ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const;
export type SigningAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

/** Longest token accepted before any parsing (a Plinto token is well under 4 KB). */
const MAX_TOKEN_LENGTH = 16 * 1024;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

export interface TokenVerifierOptions extends KeySourceOptions {
  /**
   * Who the tokens must be for (`aud`). For access tokens, your API's identifier (for Plinto's
   * own API, `{API_URL}/v1`); for ID tokens, your client id. Required: a token for someone else
   * must not be accepted by you.
   */
  audience: string | readonly string[];
  /** A subset of RS256, ES256 and EdDSA to accept. Default: all three. */
  algorithms?: readonly SigningAlgorithm[];
  /** Slack for `exp`, `nbf` and `iat` against this machine's clock. Default 5 s, at most 300 s. */
  clockToleranceSeconds?: number;
}

export interface VerifyAccessTokenOptions {
  /** Every one of these must be in the token's `scope`, or TokenInvalidError `insufficient_scope`. */
  requiredScopes?: readonly string[];
}

export interface VerifyIdTokenOptions {
  /** The client the ID token must be for. Default: the verifier's `audience`, when it is one string. */
  clientId?: string;
  /** The nonce your authorization request sent; the token must carry exactly it. */
  nonce?: string;
  /** The `max_age` your request sent: `auth_time` must be at most this many seconds ago. */
  maxAgeSeconds?: number;
}

/** RFC 9068 §2.2: what a JWT access token carries. */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  client_id: string;
  jti?: string;
  scope?: string;
}

/** OIDC Core §2: what an ID token carries (plus the profile claims its scopes released). */
export interface IdTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  azp?: string;
  auth_time?: number;
  acr?: string;
  amr?: string[];
  sid?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface VerifiedAccessToken {
  kind: "access";
  claims: AccessTokenClaims;
  /** `scope`, split. */
  scopes: string[];
  header: JWTHeaderParameters;
}

export interface VerifiedIdToken {
  kind: "id";
  claims: IdTokenClaims;
  header: JWTHeaderParameters;
}

export interface TokenVerifier {
  readonly issuer: string;
  /** An RFC 9068 access token (`typ: at+jwt`) for this verifier's audience. */
  verifyAccessToken(token: string, options?: VerifyAccessTokenOptions): Promise<VerifiedAccessToken>;
  /** An OpenID Connect ID token (not `at+jwt`) for a client. */
  verifyIdToken(token: string, options?: VerifyIdTokenOptions): Promise<VerifiedIdToken>;
  /** Fetches the issuer's keys now, ignoring the cooldown. */
  reloadKeys(): Promise<void>;
}

const normalizeTyp = (typ: unknown) => (typeof typ === "string" ? typ.toLowerCase().replace(/^application\//, "") : undefined);

function checkOptions(options: TokenVerifierOptions) {
  const audiences = typeof options.audience === "string" ? [options.audience] : [...(options.audience ?? [])];
  if (audiences.length === 0 || audiences.some((aud) => typeof aud !== "string" || aud.length === 0)) {
    throw new TypeError("audience is required: the client id or API identifier tokens must be issued for");
  }
  const algorithms = [...(options.algorithms ?? ALLOWED_ALGORITHMS)];
  for (const alg of algorithms) {
    if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new TypeError(`algorithm ${String(alg)} is not allowed; use ${ALLOWED_ALGORITHMS.join(", ")}`);
    }
  }
  if (algorithms.length === 0) throw new TypeError("algorithms must name at least one algorithm");
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new TypeError(`clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  return { audiences, algorithms, tolerance };
}

/** jose's verdicts, in this SDK's words. JwksUnavailableError passes through untouched. */
function translate(error: unknown): unknown {
  if (error instanceof JwksUnavailableError || error instanceof TokenInvalidError) return error;
  if (error instanceof errors.JWTExpired) {
    const exp = (error.payload as { exp?: unknown } | undefined)?.exp;
    return new TokenExpiredError("The token has expired", {
      cause: error,
      ...(typeof exp === "number" ? { expiredAt: new Date(exp * 1000) } : {}),
    });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenInvalidError("algorithm_not_allowed", "The token's algorithm is not accepted", { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenInvalidError("key_not_found", "No signing key of the issuer matches the token", { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenInvalidError("signature_invalid", "The token's signature does not verify", { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason } = error;
    if (reason === "missing") return new TokenInvalidError("missing_claim", `The token has no ${claim} claim`, { claim, cause: error });
    const byClaim: Record<string, TokenInvalidError["reason"]> = {
      iss: "issuer_mismatch",
      aud: "audience_mismatch",
      nbf: "not_yet_valid",
      typ: "wrong_token_type",
    };
    const mapped = byClaim[claim] ?? "claim_invalid";
    return new TokenInvalidError(mapped, `The token's ${claim} is not acceptable`, { claim, cause: error });
  }
  if (error instanceof errors.JOSEError) return new TokenInvalidError("malformed", "The token is not a well-formed signed JWT", { cause: error });
  return error;
}

/**
 * A verifier for one issuer: holds its key cache, so create it once (at start-up) and reuse it.
 *
 * ```ts
 * const verifier = createTokenVerifier({ issuer: "https://auth.example.com/t/acme", audience: "https://auth.example.com/v1" });
 * const { claims } = await verifier.verifyAccessToken(token);
 * ```
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  return verifierOver(new KeySource(options), options);
}

function verifierOver(keys: KeySource, options: TokenVerifierOptions): TokenVerifier {
  const { audiences, algorithms, tolerance } = checkOptions(options);
  const issuer = keys.issuer;

  async function verifySigned(token: string, audience: string | string[], requiredClaims: string[], typ?: string) {
    if (typeof token !== "string" || token.length === 0) throw new TokenInvalidError("malformed", "No token was given");
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenInvalidError("malformed", "The token is too long");
    try {
      const result = await jwtVerify(token, keys.getKey, {
        issuer,
        audience,
        algorithms,
        clockTolerance: tolerance,
        requiredClaims,
        ...(typ ? { typ } : {}),
      });
      const { iat } = result.payload;
      if (typeof iat !== "number" || iat > Date.now() / 1000 + tolerance) {
        throw new TokenInvalidError("claim_invalid", "The token's iat is in the future", { claim: "iat" });
      }
      if (typeof result.payload.sub !== "string" || result.payload.sub.length === 0) {
        throw new TokenInvalidError("claim_invalid", "The token's sub is not a string", { claim: "sub" });
      }
      return result;
    } catch (error) {
      throw translate(error);
    }
  }

  return {
    issuer,

    async verifyAccessToken(token, verifyOptions = {}) {
      // RFC 9068 §4: the header's typ must be at+jwt, so an ID token can never pass as an access token.
      const { payload, protectedHeader } = await verifySigned(token, audiences, ["exp", "iat", "sub", "client_id"], "at+jwt");
      if (typeof payload.client_id !== "string") {
        throw new TokenInvalidError("claim_invalid", "The token's client_id is not a string", { claim: "client_id" });
      }
      if (payload.scope !== undefined && typeof payload.scope !== "string") {
        throw new TokenInvalidError("claim_invalid", "The token's scope is not a string", { claim: "scope" });
      }
      const scopes = typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [];
      const missing = (verifyOptions.requiredScopes ?? []).filter((scope) => !scopes.includes(scope));
      if (missing.length > 0) {
        throw new TokenInvalidError("insufficient_scope", `The token lacks the scope ${missing.join(" ")}`, { claim: "scope" });
      }
      return { kind: "access", claims: payload as AccessTokenClaims, scopes, header: protectedHeader };
    },

    async verifyIdToken(token, verifyOptions = {}) {
      const clientId = verifyOptions.clientId ?? (audiences.length === 1 ? audiences[0] : undefined);
      if (!clientId) throw new TypeError("verifyIdToken needs clientId when the verifier has several audiences");
      const { payload, protectedHeader } = await verifySigned(token, clientId, ["exp", "iat", "sub"]);
      if (normalizeTyp(protectedHeader.typ) === "at+jwt") {
        throw new TokenInvalidError("wrong_token_type", "An access token was presented as an ID token", { claim: "typ" });
      }
      // OIDC Core §3.1.3.7 (3)–(5): with several audiences azp must name us; if present it must be us.
      const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if ((aud.length > 1 && payload.azp === undefined) || (payload.azp !== undefined && payload.azp !== clientId)) {
        throw new TokenInvalidError("azp_mismatch", "The ID token was issued to another client", { claim: "azp" });
      }
      if (verifyOptions.nonce !== undefined && payload.nonce !== verifyOptions.nonce) {
        throw new TokenInvalidError("nonce_mismatch", "The ID token's nonce is not the one this sign-in sent", { claim: "nonce" });
      }
      if (verifyOptions.maxAgeSeconds !== undefined) {
        if (typeof payload.auth_time !== "number") throw new TokenInvalidError("missing_claim", "The ID token has no auth_time", { claim: "auth_time" });
        if (Date.now() / 1000 - payload.auth_time > verifyOptions.maxAgeSeconds + tolerance) {
          throw new TokenInvalidError("auth_time_too_old", "The sign-in is older than max_age allows", { claim: "auth_time" });
        }
      }
      return { kind: "id", claims: payload as IdTokenClaims, header: protectedHeader };
    },

    reloadKeys: () => keys.reload(),
  };
}

// ── verifyToken: the one-call form, sharing one key cache per issuer in this process ──────────

export type VerifyTokenOptions =
  | (TokenVerifierOptions & VerifyAccessTokenOptions & { kind?: "access" })
  | (TokenVerifierOptions & VerifyIdTokenOptions & { kind: "id" });

const MAX_CACHED_ISSUERS = 32;
const keySources = new Map<string, KeySource>();
const fetchIds = new WeakMap<typeof fetch, number>();
let nextFetchId = 1;

function sharedKeySource(options: KeySourceOptions): KeySource {
  let fetchId = 0;
  if (options.fetch) {
    fetchId = fetchIds.get(options.fetch) ?? nextFetchId++;
    fetchIds.set(options.fetch, fetchId);
  }
  const key = JSON.stringify([
    options.issuer,
    options.jwksUri ?? null,
    options.jwksCooldownMs ?? null,
    options.jwksCacheMaxAgeMs ?? null,
    options.timeoutMs ?? null,
    options.allowInsecureRequests ?? false,
    fetchId,
  ]);
  let source = keySources.get(key);
  if (source) {
    // Most recently used last, so the oldest is the one to drop.
    keySources.delete(key);
  } else {
    source = new KeySource(options);
    if (keySources.size >= MAX_CACHED_ISSUERS) keySources.delete(keySources.keys().next().value!);
  }
  keySources.set(key, source);
  return source;
}

/**
 * Verifies a token in one call. Keys are cached per issuer for the life of the process, so this
 * is as cheap as a verifier from `createTokenVerifier` after the first call.
 *
 * ```ts
 * const { claims } = await verifyToken(token, { issuer, audience: `${apiUrl}/v1` }); // an access token
 * const { claims } = await verifyToken(idToken, { kind: "id", issuer, audience: clientId, nonce });
 * ```
 */
export function verifyToken(token: string, options: TokenVerifierOptions & VerifyAccessTokenOptions & { kind?: "access" }): Promise<VerifiedAccessToken>;
export function verifyToken(token: string, options: TokenVerifierOptions & VerifyIdTokenOptions & { kind: "id" }): Promise<VerifiedIdToken>;
export function verifyToken(token: string, options: VerifyTokenOptions): Promise<VerifiedAccessToken | VerifiedIdToken>;
export function verifyToken(token: string, options: VerifyTokenOptions): Promise<VerifiedAccessToken | VerifiedIdToken> {
  const verifier = verifierOver(sharedKeySource(options), options);
  return options.kind === "id" ? verifier.verifyIdToken(token, options) : verifier.verifyAccessToken(token, options);
}

/** The token from an `Authorization: Bearer …` header (RFC 6750 §2.1), or undefined. */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? "");
  return match?.[1];
}
