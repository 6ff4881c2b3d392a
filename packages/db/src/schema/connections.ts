import { jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { id, sameTenant, tenantId, timestamps } from "./columns";
import { organizations } from "./organizations";

export type ConnectionType = "saml" | "oidc";
export type ConnectionStatus = "draft" | "active" | "inactive";

/** An enterprise identity provider (SAML or OIDC) that users of a tenant or organization sign in through. */
export const connections = pgTable(
  "connections",
  {
    tenantId: tenantId(),
    id: id("connection"),
    organizationId: text("organization_id"),
    type: text("type").$type<ConnectionType>().notNull(),
    name: text("name").notNull(),
    status: text("status").$type<ConnectionStatus>().notNull().default("draft"),
    /** Protocol settings: IdP metadata, certificates, issuer, client id; secrets in it are encrypted. */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    domains: text("domains").array().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    unique("connections_tenant_id_unique").on(t.tenantId, t.id),
    sameTenant("connections_organization_fk", [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
  ],
);
