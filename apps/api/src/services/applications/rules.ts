import { createPublicKey, type JsonWebKey } from "node:crypto";
import {
  APPLICATION_GRANT_TYPES,
  APPLICATION_SCOPES,
  APPLICATION_TOKEN_LIFETIMES,
  APPLICATION_TYPES,
  MAX_APPLICATION_URIS,
  MAX_URI_LENGTH,
  TOKEN_ENDPOINT_AUTH_METHODS,
} from "@plinto/contracts";
import type { ApplicationType } from "@plinto/db/schema";
import { ServiceError } from "../errors";

// The rules an application's settings keep (RFC 9700, RFC 8252): which types are public clients,
// which grants and auth methods each may use, what a redirect URI may be, public keys only.

export type JwkSet = { keys: Record<string, unknown>[] };

/** spa and native applications run where a secret cannot be kept: public clients, PKCE only. */
export const PUBLIC_TYPES: ReadonlySet<string> = new Set<ApplicationType>(["spa", "native"]);
export const SECRET_METHODS: ReadonlySet<string> = new Set(["client_secret_basic", "client_secret_post"]);
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "[::1]", "localhost"]);
/** RFC 8252 §7.1: a native application's own scheme is a domain name it controls, reversed. */
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+$/;
/** JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;
const SIGNING_CURVES: Record<string, ReadonlySet<string>> = {
  EC: new Set(["P-256", "P-384", "P-521"]),
  OKP: new Set(["Ed25519", "Ed448"]),
};
const MIN_RSA_BITS = 2048;
const MAX_JWKS_KEYS = 10;

export type FieldError = { path: string; message: string };

export function invalid(errors: FieldError[]): ServiceError {
  const message = errors.length === 1 ? errors[0]!.message : `${errors.length} settings are not valid: ${errors.map((e) => e.path).join(", ")}`;
  return new ServiceError("validation_failed", message, errors);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** Why `uri` may not be a (post-logout) redirect URI of a `type` application, or undefined (RFC 9700 §4.1, RFC 8252 §7). */
function redirectUriProblem(uri: string, type: string): string | undefined {
  if (uri.length > MAX_URI_LENGTH) return `A redirect URI is at most ${MAX_URI_LENGTH} characters`;
  if (/\s/.test(uri)) return "A redirect URI contains no spaces";
  if (uri.includes("*")) return "Wildcards are not allowed: register each redirect URI exactly as it is sent";
  if (uri.includes("#")) return "A redirect URI has no fragment (#…)";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "Use an absolute URI, like https://app.example.com/callback";
  }
  if (url.username || url.password) return "A redirect URI carries no user name or password";
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  const scheme = url.protocol.slice(0, -1);
  if (scheme === "https" || scheme === "http") {
    if (!uri.toLowerCase().startsWith(`${scheme}://`)) return "Use an absolute URI, like https://app.example.com/callback";
    if (scheme === "http" && !loopback) return "Use https: plain http is allowed only on loopback (127.0.0.1, [::1], localhost)";
    if (scheme === "https" && loopback && type === "native") {
      return "A native application's loopback redirect uses http, like http://127.0.0.1:8400/callback (RFC 8252 §7.3)";
    }
    return undefined;
  }
  if (type !== "native") return `Use https (or http on loopback): a ${type} application cannot use the ${scheme}: scheme`;
  if (!PRIVATE_USE_SCHEME.test(scheme)) {
    return "A native application's own scheme is a reverse domain name, like com.example.app:/callback (RFC 8252 §7.1)";
  }
  return undefined;
}

function logoUriProblem(uri: string): string | undefined {
  if (uri.length > MAX_URI_LENGTH) return `A logo URI is at most ${MAX_URI_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "Use an absolute https URI, like https://app.example.com/logo.png";
  }
  if (/\s/.test(uri) || url.username || url.password) return "Use an absolute https URI, like https://app.example.com/logo.png";
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) return undefined;
  return "A logo is served over https (http only on loopback)";
}

/** Public keys only, each a signing key the provider can use to check a client assertion. */
function jwksProblems(jwks: unknown): FieldError[] {
  if (!isRecord(jwks) || !Array.isArray(jwks.keys)) return [{ path: "jwks", message: 'jwks is a JSON Web Key Set: { "keys": [ … ] }' }];
  const keys: unknown[] = jwks.keys;
  if (keys.length === 0) return [{ path: "jwks.keys", message: "Give at least one public key" }];
  if (keys.length > MAX_JWKS_KEYS) return [{ path: "jwks.keys", message: `Give at most ${MAX_JWKS_KEYS} keys` }];
  const errors: FieldError[] = [];
  const kids = new Set<unknown>();
  keys.forEach((key, i) => {
    const path = `jwks.keys.${i}`;
    const problem = jwkProblem(key, keys.length, kids);
    if (problem) errors.push({ path, message: problem });
  });
  return errors;
}

function jwkProblem(key: unknown, count: number, kids: Set<unknown>): string | undefined {
  if (!isRecord(key)) return "A key is a JSON Web Key object";
  const secret = PRIVATE_JWK_MEMBERS.find((member) => member in key);
  if (secret) return `This key carries the private member "${secret}": send only the public key`;
  if (key.kty !== "RSA" && key.kty !== "EC" && key.kty !== "OKP") return "A key's kty is RSA, EC or OKP (shared secret keys are not accepted)";
  if (key.use !== undefined && key.use !== "sig") return 'A client authentication key signs: its use is "sig"';
  if (key.kid !== undefined && typeof key.kid !== "string") return "A key's kid is text";
  if (count > 1 && key.kid === undefined) return "Give each key a kid when there are several";
  if (key.kid !== undefined && kids.has(key.kid)) return `Two keys share the kid "${String(key.kid)}"`;
  kids.add(key.kid);
  const curves = SIGNING_CURVES[key.kty];
  if (curves && !curves.has(String(key.crv))) return `A signing ${key.kty} key's crv is one of ${[...curves].join(", ")}`;
  try {
    const parsed = createPublicKey({ key: key as JsonWebKey, format: "jwk" });
    const bits = parsed.asymmetricKeyDetails?.modulusLength;
    if (key.kty === "RSA" && (bits === undefined || bits < MIN_RSA_BITS)) return `An RSA key has at least ${MIN_RSA_BITS} bits`;
  } catch {
    return `This is not a valid ${key.kty} public key`;
  }
  return undefined;
}

/** Every setting an application has, after defaults. */
export interface Settled {
  name: string;
  tokenEndpointAuthMethod: string;
  jwks: JwkSet | null;
  logoUri: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  allowedScopes: string[];
  firstParty: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

/**
 * Checks a whole application (after defaults and any update are applied), so the rules hold
 * between fields however they were reached. Throws one validation_failed naming every bad field.
 */
export function checkApplication(type: string, wanted: Settled): Settled {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const isPublic = PUBLIC_TYPES.has(type);

  const name = wanted.name.trim();
  if (name.length === 0 || name.length > 100) fail("name", "Name the application in 1–100 characters");
  if (!(APPLICATION_TYPES as readonly string[]).includes(type)) fail("type", `type is one of ${APPLICATION_TYPES.join(", ")}`);

  const method = wanted.tokenEndpointAuthMethod;
  const methodErrors = errors.length;
  if (!(TOKEN_ENDPOINT_AUTH_METHODS as readonly string[]).includes(method)) {
    fail("tokenEndpointAuthMethod", `token_endpoint_auth_method is one of ${TOKEN_ENDPOINT_AUTH_METHODS.join(", ")}`);
  } else if (isPublic && method !== "none") {
    fail("tokenEndpointAuthMethod", `A ${type} application is a public client: it cannot keep a secret, so its token_endpoint_auth_method is none (with PKCE)`);
  } else if (!isPublic && method === "none") {
    fail("tokenEndpointAuthMethod", `A ${type} application is a confidential client: use client_secret_basic, client_secret_post or private_key_jwt`);
  }

  // The keys only matter once the method is right for the type.
  const methodAllowed = errors.length === methodErrors;
  if (methodAllowed && method === "private_key_jwt") {
    if (!wanted.jwks) fail("jwks", "private_key_jwt needs jwks: the public keys the application signs its client assertions with");
    else errors.push(...jwksProblems(wanted.jwks));
  } else if (methodAllowed && wanted.jwks) {
    fail("jwks", "jwks is only for applications that authenticate with private_key_jwt");
  }

  const grantTypes = unique(wanted.grantTypes);
  if (grantTypes.length === 0) fail("grantTypes", "Give the application at least one grant type");
  wanted.grantTypes.forEach((grant, i) => {
    if (grant === "implicit") fail(`grantTypes.${i}`, "The implicit grant is not allowed (RFC 9700): use authorization_code with PKCE");
    else if (grant === "password") fail(`grantTypes.${i}`, "The password grant is not allowed (RFC 9700): use authorization_code, or client_credentials for a service");
    else if (!(APPLICATION_GRANT_TYPES as readonly string[]).includes(grant)) {
      fail(`grantTypes.${i}`, `Unknown grant type "${grant}": use ${APPLICATION_GRANT_TYPES.join(", ")}`);
    }
  });
  const has = (grant: string) => grantTypes.includes(grant);
  if (type === "machine") {
    if (grantTypes.length !== 1 || !has("client_credentials")) fail("grantTypes", "A machine application uses the client_credentials grant and nothing else");
  } else if (isPublic && has("client_credentials")) {
    fail("grantTypes", `client_credentials needs a confidential client (web or machine): a ${type} application cannot keep a secret`);
  } else if (has("refresh_token") && !has("authorization_code") && !has("urn:ietf:params:oauth:grant-type:device_code")) {
    fail("grantTypes", "refresh_token comes with authorization_code or the device grant, which issue the first refresh token");
  }

  const redirectUris = unique(wanted.redirectUris);
  const postLogoutRedirectUris = unique(wanted.postLogoutRedirectUris);
  for (const [field, uris, what] of [
    ["redirectUris", redirectUris, "redirect URIs"],
    ["postLogoutRedirectUris", postLogoutRedirectUris, "post-logout redirect URIs"],
  ] as const) {
    if (type === "machine" && uris.length > 0) fail(field, `A machine application signs no one in, so it has no ${what}`);
    else if (uris.length > MAX_APPLICATION_URIS) fail(field, `Register at most ${MAX_APPLICATION_URIS} ${what}`);
    else
      wanted[field].forEach((uri, i) => {
        const problem = typeof uri === "string" ? redirectUriProblem(uri, type) : "A URI is text";
        if (problem) fail(`${field}.${i}`, problem);
      });
  }
  if (has("authorization_code") && redirectUris.length === 0) fail("redirectUris", "authorization_code needs at least one redirect URI");

  const allowedScopes = unique(wanted.allowedScopes);
  if (allowedScopes.length === 0) fail("allowedScopes", "Allow the application at least one scope");
  wanted.allowedScopes.forEach((scope, i) => {
    if (!(APPLICATION_SCOPES as readonly string[]).includes(scope)) {
      fail(`allowedScopes.${i}`, `Unknown scope "${scope}": use one or more of ${APPLICATION_SCOPES.join(", ")}`);
    }
  });

  if (wanted.logoUri !== null) {
    const problem = logoUriProblem(wanted.logoUri);
    if (problem) fail("logoUri", problem);
  }

  for (const [field, which, what] of [
    ["accessTokenTtlSeconds", "accessToken", "access token"],
    ["refreshTokenTtlSeconds", "refreshToken", "refresh token"],
  ] as const) {
    const { min, max } = APPLICATION_TOKEN_LIFETIMES[which];
    const value = wanted[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      fail(field, `The ${what} lifetime is a whole number of seconds from ${min} (${duration(min)}) to ${max} (${duration(max)})`);
    }
  }
  if (typeof wanted.firstParty !== "boolean") fail("firstParty", "firstParty is true or false");

  if (errors.length > 0) throw invalid(errors);
  return {
    ...wanted,
    name,
    jwks: wanted.jwks ? { keys: wanted.jwks.keys } : null,
    grantTypes,
    redirectUris,
    postLogoutRedirectUris,
    allowedScopes,
  };
}

function duration(seconds: number): string {
  if (seconds > 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
