import { boolean, integer, jsonb, pgTable, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./columns";

export type ApplicationType = "web" | "spa" | "native" | "machine";

/** An OIDC client of one tenant. The secret is stored hashed and shown once at creation. */
export const applications = pgTable(
  "applications",
  {
    tenantId: tenantId(),
    id: id("application"),
    name: text("name").notNull(),
    type: text("type").$type<ApplicationType>().notNull(),
    clientId: text("client_id").notNull(),
    clientSecretHash: text("client_secret_hash"),
    /** Public keys of a `private_key_jwt` client (a JWK Set), used to verify its client assertions. */
    jwks: jsonb("jwks").$type<{ keys: Record<string, unknown>[] }>(),
    logoUri: text("logo_uri"),
    tokenEndpointAuthMethod: text("token_endpoint_auth_method").notNull().default("client_secret_basic"),
    redirectUris: text("redirect_uris").array().notNull().default([]),
    postLogoutRedirectUris: text("post_logout_redirect_uris").array().notNull().default([]),
    grantTypes: text("grant_types").array().notNull().default(["authorization_code", "refresh_token"]),
    allowedScopes: text("allowed_scopes").array().notNull().default(["openid", "profile", "email", "offline_access"]),
    firstParty: boolean("first_party").notNull().default(true),
    accessTokenTtlSeconds: integer("access_token_ttl_seconds").notNull().default(3600),
    refreshTokenTtlSeconds: integer("refresh_token_ttl_seconds").notNull().default(2_592_000),
    ...timestamps,
  },
  (t) => [
    unique("applications_tenant_id_unique").on(t.tenantId, t.id),
    // Client ids are global: the token endpoint finds the client before it knows anything else.
    uniqueIndex("applications_client_id_unique").on(t.clientId),
  ],
);
