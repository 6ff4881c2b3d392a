import { index, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";
import { users } from "./users";

/**
 * The OpenID Provider's protocol state (authorization codes, access and refresh tokens, grants,
 * provider sessions, interactions, device codes …), one row per model instance. Codes and tokens
 * are found by their id, which is not the token: the provider derives ids it can look up.
 * account_id / client_id / grant_id are copied out of the payload so revoking by user, application
 * or grant is one indexed statement.
 */
export const oidcModels = pgTable(
  "oidc_models",
  {
    tenantId: tenantId(),
    model: text("model").notNull(),
    id: text("id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    accountId: text("account_id"),
    clientId: text("client_id"),
    grantId: text("grant_id"),
    uid: text("uid"),
    userCode: text("user_code"),
    expiresAt: at("expires_at"),
    consumedAt: at("consumed_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "oidc_models_pkey", columns: [t.tenantId, t.model, t.id] }),
    index("oidc_models_tenant_grant_idx").on(t.tenantId, t.grantId),
    index("oidc_models_tenant_account_idx").on(t.tenantId, t.accountId),
    index("oidc_models_tenant_uid_idx").on(t.tenantId, t.model, t.uid),
    index("oidc_models_tenant_user_code_idx").on(t.tenantId, t.model, t.userCode),
    index("oidc_models_expires_idx").on(t.expiresAt),
  ],
);

/**
 * What a user allowed a third-party application: the scopes, remembered across sign-ins until the
 * user (or an admin) revokes it. First-party applications never ask, so they have no row here.
 */
export const consents = pgTable(
  "consents",
  {
    tenantId: tenantId(),
    id: id("consent"),
    userId: text("user_id").notNull(),
    applicationId: text("application_id").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    sameTenant("consents_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    sameTenant("consents_application_fk", [t.tenantId, t.applicationId], [applications.tenantId, applications.id]),
    uniqueIndex("consents_tenant_user_application_unique").on(t.tenantId, t.userId, t.applicationId),
  ],
);
