import * as oauth from "oauth4webapi";
import { JwksUnavailableError } from "../tokens/errors";
import { createTokenVerifier, type IdTokenClaims, type TokenVerifier } from "../tokens/verify";
import { checkIssuer, isLoopback } from "../internal/urls";
import { PlintoAuthError } from "./errors";
import { memoryStorage, memoryTokenStore, type KeyValueStorage, type StoredTokens, type TokenStore } from "./storage";

export interface PlintoAuthOptions {
  /** The tenant's issuer, e.g. `https://auth.example.com/t/acme`. */
  issuer: string;
  /** The application's client id: a public (SPA or native) one, or a confidential one with `clientSecret`. */
  clientId: string;
  /**
   * Only for a confidential (web) application whose *server* runs this: a backend that keeps the
   * tokens for its pages. Sent with HTTP Basic (client_secret_basic) on the token and revocation
   * endpoints; PKCE, state and nonce are used all the same. Never put a client secret in a browser bundle.
   */
  clientSecret?: string;
  /** Where the provider sends the browser back; registered on the application byte for byte. */
  redirectUri: string;
  /**
   * Space-separated scopes. Default `openid profile email offline_access`; `openid` is always
   * added. With `offline_access`, a refresh token comes back and getAccessToken() renews silently.
   */
  scope?: string;
  /**
   * An API to get the access token for (RFC 8707). For Plinto's own API, `{API_URL}/v1`: the
   * access token is then a JWT (`at+jwt`) that API verifies. Without it the token is opaque and
   * serves the userinfo endpoint.
   */
  resource?: string;
  /** Where the pending sign-in (PKCE verifier, state, nonce) waits for the callback. Default: sessionStorage. */
  storage?: KeyValueStorage;
  /** Where tokens live. Default: memory (see sessionStorageTokenStore for surviving reloads). */
  tokenStore?: TokenStore;
  /** Renew the access token this long before it expires. Default 30 s. */
  refreshLeewaySeconds?: number;
  /** Give up on a request to the provider after this long. Default 10 000 ms. */
  timeoutMs?: number;
  /** How to send the browser somewhere. Default: `location.assign(url)`. */
  navigate?: (url: URL) => void | Promise<void>;
  /** Bring your own fetch. Default: the global one. */
  fetch?: typeof fetch;
  /** Accept plain http for a non-loopback issuer (never in production). */
  allowInsecureRequests?: boolean;
}

export interface SignInOptions {
  /** `login` forces a fresh sign-in; `none` fails with login_required instead of showing a page; `consent`, `select_account`. */
  prompt?: string;
  /** Pre-fills the email on the hosted sign-in page. */
  loginHint?: string;
  /** The sign-in must be at most this many seconds old; `auth_time` is checked on return. */
  maxAge?: number;
  /** E.g. `urn:plinto:acr:2fa` to ask for a second factor. */
  acrValues?: string;
  /** Overrides the client's scope for this sign-in. */
  scope?: string;
  /** Anything JSON-serializable to get back from handleRedirectCallback (e.g. the page to return to). */
  appState?: unknown;
  /** More authorization request parameters (ui_locales, …). The protocol's own ones cannot be overridden. */
  extraParams?: Record<string, string>;
}

export interface SignInResult {
  /** The verified ID token's claims. */
  claims: IdTokenClaims;
  /** What signInRedirect() was given as `appState`. */
  appState: unknown;
}

export interface SignOutOptions {
  /** Where the provider sends the browser after signing out; registered on the application. */
  postLogoutRedirectUri?: string;
  state?: string;
  /** Revoke the refresh token at the provider first (default true). */
  revokeTokens?: boolean;
}

export interface PlintoAuth {
  readonly issuer: string;
  readonly clientId: string;
  /** The authorization URL for a new sign-in, with its PKCE verifier, state and nonce stored. */
  createSignInUrl(options?: SignInOptions): Promise<URL>;
  /** createSignInUrl(), then navigate there. */
  signInRedirect(options?: SignInOptions): Promise<void>;
  /** Completes the sign-in the callback URL answers (default: the current location). */
  handleRedirectCallback(url?: string | URL): Promise<SignInResult>;
  /** A valid access token, renewed first when it is about to expire; concurrent callers share one renewal. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Who is signed in (the ID token's claims), or undefined. */
  getUser(): Promise<IdTokenClaims | undefined>;
  isSignedIn(): Promise<boolean>;
  /** Forgets the tokens here (and revokes the refresh token) and returns the provider's end-session URL. */
  createSignOutUrl(options?: SignOutOptions): Promise<URL>;
  /** createSignOutUrl(), then navigate there: the user is signed out of the tenant too. */
  signOutRedirect(options?: SignOutOptions): Promise<void>;
}

interface PendingSignIn {
  verifier: string;
  nonce: string;
  redirectUri: string;
  createdAt: number;
  maxAge?: number;
  appState?: unknown;
}

/** A sign-in has this long to come back (sign-up and email checks take a while); the provider's interaction lifetime. */
const PENDING_TTL_MS = 60 * 60_000;
const MAX_PENDING = 10;
const DEFAULT_SCOPE = "openid profile email offline_access";
/** Parameters the SDK sets itself and extraParams may not replace. */
const PROTECTED_PARAMS = new Set([
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "resource",
]);

/**
 * Sign-in for browser apps (public clients), or for a server keeping its users' tokens (a
 * confidential client, with `clientSecret`): authorization code with PKCE S256, state and nonce,
 * RFC 9207 issuer check, ID token verified against the tenant's JWKS, silent renewal with the
 * rotating refresh token, and RP-initiated sign-out.
 *
 * Built on oauth4webapi (panva's OAuth/OIDC primitives for browsers and Node) so the protocol's
 * response checks are a certified library's, not ours.
 */
export function createPlintoAuth(options: PlintoAuthOptions): PlintoAuth {
  const allowInsecure = options.allowInsecureRequests ?? false;
  const issuer = checkIssuer(options.issuer, allowInsecure);
  const issuerUrl = new URL(issuer);
  const insecureOk = allowInsecure || isLoopback(issuerUrl);
  if (!options.clientId) throw new TypeError("clientId is required");
  // Sent byte for byte as given (the provider compares it exactly); only checked to be absolute.
  const redirectUri = options.redirectUri;
  if (!URL.canParse(redirectUri)) throw new TypeError(`redirectUri "${redirectUri}" is not an absolute URL`);
  const client: oauth.Client = { client_id: options.clientId };
  if (options.clientSecret !== undefined && options.clientSecret === "") throw new TypeError("clientSecret must not be empty");
  const clientAuth = options.clientSecret !== undefined ? oauth.ClientSecretBasic(options.clientSecret) : oauth.None();
  const tokenStore = options.tokenStore ?? memoryTokenStore();
  const pendingKey = `plinto.signin.${options.clientId}`;
  const leewayMs = (options.refreshLeewaySeconds ?? 30) * 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const scope = withOpenid(options.scope ?? DEFAULT_SCOPE);

  let storage: KeyValueStorage | undefined = options.storage;
  const pendingStorage = () => {
    storage ??= (globalThis as { sessionStorage?: KeyValueStorage }).sessionStorage ?? memoryStorage();
    return storage;
  };

  /** Options every oauth4webapi request gets: timeout, custom fetch, http on loopback. */
  const http = <T extends object>(extra?: T) => {
    const fetchImpl = options.fetch;
    return {
      signal: () => AbortSignal.timeout(timeoutMs),
      ...(insecureOk ? { [oauth.allowInsecureRequests]: true } : {}),
      ...(fetchImpl ? { [oauth.customFetch]: (url: string, init: object) => fetchImpl(url, init as RequestInit) } : {}),
      ...extra,
    };
  };

  let metadata: Promise<oauth.AuthorizationServer> | undefined;
  let verifier: TokenVerifier | undefined;
  const provider = async () => {
    metadata ??= (async () => {
      try {
        const response = await oauth.discoveryRequest(issuerUrl, http({ algorithm: "oidc" as const }));
        return await oauth.processDiscoveryResponse(issuerUrl, response);
      } catch (cause) {
        throw new PlintoAuthError("provider_unavailable", `Could not read the discovery document of ${issuer}`, { cause });
      }
    })();
    try {
      const as = await metadata;
      verifier ??= createTokenVerifier({
        issuer,
        audience: options.clientId,
        ...(as.jwks_uri ? { jwksUri: as.jwks_uri } : {}),
        timeoutMs,
        allowInsecureRequests: insecureOk,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      return { as, verifier };
    } catch (error) {
      metadata = undefined; // try again next time
      throw error;
    }
  };

  // ── pending sign-ins, keyed by state ──────────────────────────────────────────────────────
  const readPending = (): Record<string, PendingSignIn> => {
    try {
      const parsed: unknown = JSON.parse(pendingStorage().getItem(pendingKey) ?? "{}");
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, PendingSignIn>) : {};
    } catch {
      return {};
    }
  };
  const writePending = (all: Record<string, PendingSignIn>) => {
    const live = Object.entries(all)
      .filter(([, p]) => typeof p?.createdAt === "number" && Date.now() - p.createdAt < PENDING_TTL_MS)
      .sort(([, a], [, b]) => b.createdAt - a.createdAt)
      .slice(0, MAX_PENDING);
    if (live.length === 0) pendingStorage().removeItem(pendingKey);
    else pendingStorage().setItem(pendingKey, JSON.stringify(Object.fromEntries(live)));
  };
  /** Takes the pending sign-in for `state` out of storage: a callback URL works once. */
  const takePending = (state: string): PendingSignIn | undefined => {
    const all = readPending();
    const found = Object.hasOwn(all, state) ? all[state] : undefined;
    delete all[state];
    writePending(all);
    return found && Date.now() - found.createdAt < PENDING_TTL_MS ? found : undefined;
  };

  // ── tokens ────────────────────────────────────────────────────────────────────────────────
  const verifyIdToken = async (tokenVerifier: TokenVerifier, idToken: string, checks: { nonce?: string; maxAge?: number }) => {
    try {
      const { claims } = await tokenVerifier.verifyIdToken(idToken, {
        ...(checks.nonce !== undefined ? { nonce: checks.nonce } : {}),
        ...(checks.maxAge !== undefined ? { maxAgeSeconds: checks.maxAge } : {}),
      });
      return claims;
    } catch (cause) {
      if (cause instanceof JwksUnavailableError) throw new PlintoAuthError("provider_unavailable", "Could not fetch the tenant's signing keys", { cause });
      throw new PlintoAuthError("invalid_id_token", `The ID token was refused: ${(cause as Error).message}`, { cause });
    }
  };

  const toStored = (response: oauth.TokenEndpointResponse, claims: IdTokenClaims, previous?: StoredTokens): StoredTokens => {
    const expiresIn = typeof response.expires_in === "number" ? response.expires_in : undefined;
    // The provider rotates refresh tokens: a new one replaces the old, which is now spent.
    const refreshToken = response.refresh_token ?? previous?.refreshToken;
    const idToken = response.id_token ?? previous?.idToken;
    const grantedScope = response.scope ?? previous?.scope;
    return {
      accessToken: response.access_token,
      tokenType: response.token_type,
      ...(expiresIn !== undefined ? { expiresIn, expiresAt: Date.now() + expiresIn * 1000 } : {}),
      ...(refreshToken ? { refreshToken } : {}),
      ...(idToken ? { idToken } : {}),
      ...(grantedScope ? { scope: grantedScope } : {}),
      claims,
    };
  };

  const needsRefresh = (tokens: StoredTokens) => {
    if (tokens.expiresAt === undefined) return false;
    // Never renew more than halfway through a short-lived token's life.
    const leeway = tokens.expiresIn !== undefined ? Math.min(leewayMs, (tokens.expiresIn * 1000) / 2) : leewayMs;
    return Date.now() >= tokens.expiresAt - leeway;
  };

  let refreshing: Promise<StoredTokens> | undefined;

  const refresh = async (force: boolean): Promise<StoredTokens> => {
    // Read the store again: another caller may have renewed while this one was waiting.
    const current = await tokenStore.get();
    if (!current) throw new PlintoAuthError("not_signed_in", "No one is signed in");
    if (!force && !needsRefresh(current)) return current;
    if (!current.refreshToken) {
      if (current.expiresAt !== undefined && Date.now() >= current.expiresAt) {
        await tokenStore.clear();
        throw new PlintoAuthError("session_expired", "The access token expired and there is no refresh token; sign in again");
      }
      return current;
    }
    const { as, verifier: tokenVerifier } = await provider();
    let response: oauth.TokenEndpointResponse;
    try {
      const request = await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        current.refreshToken,
        http(options.resource ? { additionalParameters: { resource: options.resource } } : {}),
      );
      response = await oauth.processRefreshTokenResponse(as, client, request);
    } catch (cause) {
      if (cause instanceof oauth.ResponseBodyError) {
        const details = { error: cause.error, ...(cause.error_description ? { errorDescription: cause.error_description } : {}), cause };
        if (cause.error !== "invalid_grant") throw new PlintoAuthError("token_error", `The token endpoint answered ${cause.error}`, details);
        // Expired, revoked, or already used: the grant is over and these tokens are worthless.
        await tokenStore.clear();
        throw new PlintoAuthError("session_expired", "The session ended; sign in again", details);
      }
      if (cause instanceof oauth.WWWAuthenticateChallengeError) throw challengeError(cause);
      if (cause instanceof oauth.OperationProcessingError) {
        throw new PlintoAuthError("invalid_response", `The token response was refused: ${cause.message}`, { cause });
      }
      throw new PlintoAuthError("provider_unavailable", "Could not renew the access token", { cause });
    }
    let claims = current.claims;
    if (response.id_token) {
      claims = await verifyIdToken(tokenVerifier, response.id_token, {});
      // OIDC Core §12.2: a refreshed ID token is about the same user.
      if (claims.sub !== current.claims.sub) throw new PlintoAuthError("invalid_id_token", "The refreshed ID token is about another user");
    }
    const next = toStored(response, claims, current);
    await tokenStore.set(next);
    return next;
  };

  const auth: PlintoAuth = {
    issuer,
    clientId: options.clientId,

    async createSignInUrl(signIn = {}) {
      const { as } = await provider();
      if (!as.authorization_endpoint) throw new PlintoAuthError("invalid_response", "The provider has no authorization endpoint");
      const verifierValue = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      const requestScope = withOpenid(signIn.scope ?? scope);
      const url = new URL(as.authorization_endpoint);
      for (const [key, value] of Object.entries(signIn.extraParams ?? {})) {
        if (!PROTECTED_PARAMS.has(key)) url.searchParams.set(key, value);
      }
      url.searchParams.set("client_id", options.clientId);
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("scope", requestScope);
      url.searchParams.set("state", state);
      url.searchParams.set("nonce", nonce);
      url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifierValue));
      url.searchParams.set("code_challenge_method", "S256");
      if (options.resource) url.searchParams.set("resource", options.resource);
      // A refresh token is issued for offline_access only when consent was asked for (OIDC Core
      // §11); first-party applications skip the consent page, so this costs them nothing.
      const prompt = signIn.prompt ?? (requestScope.split(" ").includes("offline_access") ? "consent" : undefined);
      if (prompt) url.searchParams.set("prompt", prompt);
      if (signIn.loginHint) url.searchParams.set("login_hint", signIn.loginHint);
      if (signIn.maxAge !== undefined) url.searchParams.set("max_age", String(signIn.maxAge));
      if (signIn.acrValues) url.searchParams.set("acr_values", signIn.acrValues);

      const all = readPending();
      all[state] = {
        verifier: verifierValue,
        nonce,
        redirectUri,
        createdAt: Date.now(),
        ...(signIn.maxAge !== undefined ? { maxAge: signIn.maxAge } : {}),
        ...(signIn.appState !== undefined ? { appState: signIn.appState } : {}),
      };
      writePending(all);
      return url;
    },

    async signInRedirect(signIn) {
      await navigate(await auth.createSignInUrl(signIn));
    },

    async handleRedirectCallback(input) {
      const href = input ?? (globalThis as { location?: { href: string } }).location?.href;
      if (!href) throw new TypeError("handleRedirectCallback needs the callback URL outside a browser");
      const url = new URL(href);
      const state = url.searchParams.get("state");
      const pending = state ? takePending(state) : undefined;
      if (!state || !pending) {
        throw new PlintoAuthError("state_mismatch", "This callback does not answer a sign-in started in this browser (or it was already used)");
      }
      const { as, verifier: tokenVerifier } = await provider();
      // RFC 9207: the response must say which issuer sent it, before anything else is believed.
      const iss = url.searchParams.get("iss");
      if ((iss === null && as.authorization_response_iss_parameter_supported) || (iss !== null && iss !== as.issuer)) {
        throw new PlintoAuthError("issuer_mismatch", `The callback's iss is ${iss ?? "missing"}, not ${as.issuer}`);
      }
      let parameters: URLSearchParams;
      try {
        parameters = oauth.validateAuthResponse(as, client, url, state);
      } catch (cause) {
        if (cause instanceof oauth.AuthorizationResponseError) {
          throw new PlintoAuthError("authorization_error", `The provider answered ${cause.error}${cause.error_description ? `: ${cause.error_description}` : ""}`, {
            error: cause.error,
            ...(cause.error_description ? { errorDescription: cause.error_description } : {}),
            cause,
          });
        }
        throw new PlintoAuthError("invalid_response", `The callback is not a valid authorization response: ${(cause as Error).message}`, { cause });
      }

      let response: oauth.TokenEndpointResponse;
      try {
        const request = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth,
          parameters,
          pending.redirectUri,
          pending.verifier,
          http(options.resource ? { additionalParameters: { resource: options.resource } } : {}),
        );
        response = await oauth.processAuthorizationCodeResponse(as, client, request, {
          expectedNonce: pending.nonce,
          requireIdToken: true,
          ...(pending.maxAge !== undefined ? { maxAge: pending.maxAge } : {}),
        });
      } catch (cause) {
        if (cause instanceof oauth.ResponseBodyError) {
          throw new PlintoAuthError("token_error", `The token endpoint answered ${cause.error}`, {
            error: cause.error,
            ...(cause.error_description ? { errorDescription: cause.error_description } : {}),
            cause,
          });
        }
        if (cause instanceof oauth.WWWAuthenticateChallengeError) throw challengeError(cause);
        if (cause instanceof oauth.OperationProcessingError) {
          throw new PlintoAuthError("invalid_response", `The token response was refused: ${cause.message}`, { cause });
        }
        throw new PlintoAuthError("provider_unavailable", "Could not reach the token endpoint", { cause });
      }
      // oauth4webapi checked the ID token's claims; its signature is checked here, against the JWKS.
      const claims = await verifyIdToken(tokenVerifier, response.id_token!, {
        nonce: pending.nonce,
        ...(pending.maxAge !== undefined ? { maxAge: pending.maxAge } : {}),
      });
      await tokenStore.set(toStored(response, claims));
      return { claims, appState: pending.appState };
    },

    async getAccessToken(request = {}) {
      const tokens = await tokenStore.get();
      if (!tokens) throw new PlintoAuthError("not_signed_in", "No one is signed in");
      if (!request.forceRefresh && !needsRefresh(tokens) && !refreshing) return tokens.accessToken;
      // One renewal at a time: the refresh token rotates, so a second use would be a replay.
      refreshing ??= refresh(request.forceRefresh ?? false).finally(() => {
        refreshing = undefined;
      });
      return (await refreshing).accessToken;
    },

    async getUser() {
      return (await tokenStore.get())?.claims;
    },

    async isSignedIn() {
      return (await tokenStore.get()) !== undefined;
    },

    async createSignOutUrl(signOut = {}) {
      const { as } = await provider();
      const tokens = await tokenStore.get();
      if (tokens?.refreshToken && (signOut.revokeTokens ?? true) && as.revocation_endpoint) {
        // Best effort: the end-session below ends the grant at the provider anyway.
        try {
          const response = await oauth.revocationRequest(as, client, clientAuth, tokens.refreshToken, http());
          await oauth.processRevocationResponse(response);
        } catch {
          // ignore: signing out must not fail because revocation did
        }
      }
      await tokenStore.clear();
      if (!as.end_session_endpoint) throw new PlintoAuthError("invalid_response", "The provider has no end_session_endpoint");
      const url = new URL(as.end_session_endpoint);
      url.searchParams.set("client_id", options.clientId);
      if (tokens?.idToken) url.searchParams.set("id_token_hint", tokens.idToken);
      if (signOut.postLogoutRedirectUri) url.searchParams.set("post_logout_redirect_uri", signOut.postLogoutRedirectUri);
      if (signOut.state) url.searchParams.set("state", signOut.state);
      return url;
    },

    async signOutRedirect(signOut) {
      await navigate(await auth.createSignOutUrl(signOut));
    },
  };

  async function navigate(url: URL) {
    if (options.navigate) return options.navigate(url);
    const location = (globalThis as { location?: { assign(url: string): void } }).location;
    if (!location) throw new TypeError("No browser location to navigate; pass `navigate` to createPlintoAuth");
    location.assign(url.href);
  }

  return auth;
}

/**
 * A token endpoint's 401 with a `WWW-Authenticate` challenge (RFC 6749 §5.2: the client failed to
 * authenticate, e.g. a wrong client secret) is the application's problem, not an unreachable
 * provider: `token_error` with the challenge's error (`invalid_client` when it names none).
 */
function challengeError(cause: oauth.WWWAuthenticateChallengeError): PlintoAuthError {
  const parameters = cause.cause[0]?.parameters;
  const error = parameters?.error ?? "invalid_client";
  return new PlintoAuthError("token_error", `The token endpoint answered ${error}`, {
    error,
    ...(parameters?.error_description ? { errorDescription: parameters.error_description } : {}),
    cause,
  });
}

function withOpenid(scope: string): string {
  const scopes = scope.split(/\s+/).filter(Boolean);
  return (scopes.includes("openid") ? scopes : ["openid", ...scopes]).join(" ");
}
