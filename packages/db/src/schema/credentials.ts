import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";
import { users } from "./users";

export type CredentialType = "password" | "totp" | "passkey" | "recovery_code";

/**
 * Something a user proves themselves with. `secret` holds a password hash (argon2id, or an imported
 * bcrypt hash until the next sign-in rehashes it), an encrypted TOTP seed, or a hashed recovery code;
 * passkeys keep their WebAuthn public key and counter in the passkey columns.
 */
export const credentials = pgTable(
  "credentials",
  {
    tenantId: tenantId(),
    id: id("credential"),
    userId: text("user_id").notNull(),
    type: text("type").$type<CredentialType>().notNull(),
    name: text("name"),
    secret: text("secret"),
    passkeyId: text("passkey_id"),
    passkeyPublicKey: text("passkey_public_key"),
    passkeyCounter: bigint("passkey_counter", { mode: "number" }),
    passkeyTransports: text("passkey_transports").array(),
    /** TOTP: the last time step a code was accepted for; a code of that step or earlier is a replay. */
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    verifiedAt: at("verified_at"),
    lastUsedAt: at("last_used_at"),
    ...timestamps,
  },
  (t) => [
    sameTenant("credentials_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    index("credentials_tenant_user_idx").on(t.tenantId, t.userId, t.type),
    uniqueIndex("credentials_tenant_passkey_unique")
      .on(t.tenantId, t.passkeyId)
      .where(sql`${t.passkeyId} is not null`),
    uniqueIndex("credentials_tenant_user_password_unique")
      .on(t.tenantId, t.userId)
      .where(sql`${t.type} = 'password'`),
  ],
);
