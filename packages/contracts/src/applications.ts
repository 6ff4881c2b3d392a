import { z } from "zod";

/**
 * A tenant's applications: the OIDC clients that sign users in through the tenant's provider
 * (`/v1/applications`, API key with `applications:read` / `applications:write`). The request
 * schemas check shape; the rules between fields (which type may use which grant, redirect URI
 * schemes, public keys only) are the applications service's, and come back as validation_failed
 * with one entry per field.
 */

/** web: server-side app (confidential); spa and native: public clients; machine: client credentials only. */
export const APPLICATION_TYPES = ["web", "spa", "native", "machine"] as const;

/** The grants an application may use. No implicit and no password grant (RFC 9700 §2.1.2, §2.4). */
export const APPLICATION_GRANT_TYPES = [
  "authorization_code",
  "refresh_token",
  "client_credentials",
  "urn:ietf:params:oauth:grant-type:device_code",
] as const;
export type ApplicationGrantType = (typeof APPLICATION_GRANT_TYPES)[number];

/**
 * The scopes an application may be allowed to request. `organizations` releases the user's
 * organizations and the active one's id, slug, role and permissions (`org_*` claims).
 */
export const APPLICATION_SCOPES = ["openid", "profile", "email", "offline_access", "organizations"] as const;
export type ApplicationScope = (typeof APPLICATION_SCOPES)[number];

/** How an application authenticates at the token endpoint; `none` for public clients. */
export const TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

/** Bounds on the token lifetimes an application may set, in seconds. */
export const APPLICATION_TOKEN_LIFETIMES = {
  accessToken: { min: 60, max: 86_400 },
  refreshToken: { min: 300, max: 365 * 86_400 },
} as const;

export const MAX_APPLICATION_URIS = 20;
export const MAX_URI_LENGTH = 2048;

export const applicationIdSchema = z
  .string()
  .regex(/^app_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected an application id like app_01…" });

const name = z
  .string({ error: "Name the application" })
  .trim()
  .min(1, { error: "Name the application in 1–100 characters" })
  .max(100, { error: "Name the application in 1–100 characters" });

const uri = z.string({ error: "A URI is text" }).max(MAX_URI_LENGTH, { error: `A URI is at most ${MAX_URI_LENGTH} characters` });
const uriList = (what: string) =>
  z.array(uri, { error: `${what} are a list of URIs` }).max(MAX_APPLICATION_URIS, { error: `Register at most ${MAX_APPLICATION_URIS} ${what.toLowerCase()}` });

const grantTypes = z
  .array(z.enum(APPLICATION_GRANT_TYPES, { error: `A grant type is one of ${APPLICATION_GRANT_TYPES.join(", ")}` }))
  .min(1, { error: "Give the application at least one grant type" });

const allowedScopes = z
  .array(z.enum(APPLICATION_SCOPES, { error: `A scope is one of ${APPLICATION_SCOPES.join(", ")}` }))
  .min(1, { error: "Allow the application at least one scope" });

const tokenEndpointAuthMethod = z.enum(TOKEN_ENDPOINT_AUTH_METHODS, {
  error: `token_endpoint_auth_method is one of ${TOKEN_ENDPOINT_AUTH_METHODS.join(", ")}`,
});

/** A JWK Set of public keys (RFC 7517); the service refuses private members and malformed keys. */
export const applicationJwksSchema = z
  .object({
    keys: z
      .array(z.record(z.string(), z.unknown()), { error: "keys is a list of JSON Web Keys" })
      .min(1, { error: "Give at least one public key" })
      .max(10, { error: "Give at most 10 keys" }),
  })
  .strict();

const lifetime = (which: keyof typeof APPLICATION_TOKEN_LIFETIMES, what: string) => {
  const { min, max } = APPLICATION_TOKEN_LIFETIMES[which];
  const error = `The ${what} lifetime is a whole number of seconds from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};

const settings = {
  redirectUris: uriList("Redirect URIs"),
  postLogoutRedirectUris: uriList("Post-logout redirect URIs"),
  grantTypes,
  allowedScopes,
  /** First-party applications skip the consent page. */
  firstParty: z.boolean({ error: "firstParty is true or false" }),
  tokenEndpointAuthMethod,
  /** Public keys for `private_key_jwt` client authentication. */
  jwks: applicationJwksSchema,
  logoUri: uri,
  accessTokenTtlSeconds: lifetime("accessToken", "access token"),
  refreshTokenTtlSeconds: lifetime("refreshToken", "refresh token"),
};

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

/** `POST /v1/applications`: omitted settings get the defaults for the type. */
export const createApplicationRequestSchema = z
  .object({
    name,
    type: z.enum(APPLICATION_TYPES, { error: `type is one of ${APPLICATION_TYPES.join(", ")}` }),
    redirectUris: settings.redirectUris.optional(),
    postLogoutRedirectUris: settings.postLogoutRedirectUris.optional(),
    grantTypes: settings.grantTypes.optional(),
    allowedScopes: settings.allowedScopes.optional(),
    firstParty: settings.firstParty.optional(),
    tokenEndpointAuthMethod: settings.tokenEndpointAuthMethod.optional(),
    jwks: settings.jwks.optional(),
    logoUri: settings.logoUri.optional(),
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds.optional(),
    refreshTokenTtlSeconds: settings.refreshTokenTtlSeconds.optional(),
  })
  .strict();
export type CreateApplicationRequest = z.infer<typeof createApplicationRequestSchema>;

/**
 * `PATCH /v1/applications/{application}`: only the fields sent change. The type and client id
 * never change; `logoUri: null` removes the logo.
 */
export const updateApplicationRequestSchema = z
  .object({
    name: name.optional(),
    redirectUris: settings.redirectUris.optional(),
    postLogoutRedirectUris: settings.postLogoutRedirectUris.optional(),
    grantTypes: settings.grantTypes.optional(),
    allowedScopes: settings.allowedScopes.optional(),
    firstParty: settings.firstParty.optional(),
    tokenEndpointAuthMethod: settings.tokenEndpointAuthMethod.optional(),
    jwks: settings.jwks.nullable().optional(),
    logoUri: settings.logoUri.nullable().optional(),
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds.optional(),
    refreshTokenTtlSeconds: settings.refreshTokenTtlSeconds.optional(),
  })
  .strict();
export type UpdateApplicationRequest = z.infer<typeof updateApplicationRequestSchema>;

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

const timestamp = z.iso.datetime({ offset: true });

/** An application as the API shows it: never its secret, nor the secret's hash. */
export const applicationSchema = z.object({
  id: applicationIdSchema,
  name: z.string(),
  type: z.enum(APPLICATION_TYPES),
  clientId: z.string(),
  tokenEndpointAuthMethod: z.enum(TOKEN_ENDPOINT_AUTH_METHODS),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  grantTypes: z.array(z.enum(APPLICATION_GRANT_TYPES)),
  allowedScopes: z.array(z.enum(APPLICATION_SCOPES)),
  firstParty: z.boolean(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).nullable(),
  logoUri: z.string().nullable(),
  accessTokenTtlSeconds: z.int(),
  refreshTokenTtlSeconds: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Application = z.infer<typeof applicationSchema>;

const clientSecret = z.string().describe("The client secret, shown this once: only its hash is stored");

/**
 * One application. `clientSecret` is present only in the answer that issued it: the create of a
 * confidential application, or an update that moved it to a secret-based auth method.
 */
export const applicationResponseSchema = z.object({ application: applicationSchema, clientSecret: clientSecret.optional() });
export type ApplicationResponse = z.infer<typeof applicationResponseSchema>;

/** `GET /v1/applications`: the tenant's applications, newest first. */
export const applicationListResponseSchema = z.object({ applications: z.array(applicationSchema) });
export type ApplicationListResponse = z.infer<typeof applicationListResponseSchema>;

/** `POST /v1/applications/{application}/rotate-secret`: the new secret; the old one stops working. */
export const applicationSecretRotatedResponseSchema = z.object({ application: applicationSchema, clientSecret });
export type ApplicationSecretRotatedResponse = z.infer<typeof applicationSecretRotatedResponseSchema>;

/** A third-party application the signed-in user allowed, and what it may see. */
export const consentSchema = z.object({
  applicationId: applicationIdSchema,
  applicationName: z.string(),
  logoUri: z.string().nullable(),
  scopes: z.array(z.string()),
  grantedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Consent = z.infer<typeof consentSchema>;

export const consentListResponseSchema = z.object({ consents: z.array(consentSchema) });
export type ConsentListResponse = z.infer<typeof consentListResponseSchema>;

export const consentRevokedResponseSchema = z.object({ status: z.literal("revoked") });
