import { index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, sameTenant, tenantId, timestamps } from "./columns";
import { connections } from "./connections";
import { users } from "./users";

export type IdentityKind = "social" | "oidc" | "saml" | "scim";

/** A link from a user to an identity held elsewhere: a social login, an enterprise IdP subject, a SCIM externalId. */
export const identities = pgTable(
  "identities",
  {
    tenantId: tenantId(),
    id: id("identity"),
    userId: text("user_id").notNull(),
    kind: text("kind").$type<IdentityKind>().notNull(),
    /** `google`, `github`, … for social; the connection or directory id for enterprise links. */
    provider: text("provider").notNull(),
    connectionId: text("connection_id"),
    subject: text("subject").notNull(),
    profile: jsonb("profile").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    sameTenant("identities_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    sameTenant("identities_connection_fk", [t.tenantId, t.connectionId], [connections.tenantId, connections.id]),
    uniqueIndex("identities_tenant_provider_subject_unique").on(t.tenantId, t.provider, t.subject),
    index("identities_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);
