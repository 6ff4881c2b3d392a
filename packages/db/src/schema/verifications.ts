import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId } from "./columns";
import { users } from "./users";

/**
 * `change_email`: proves a new address the signed-in user asked to move their account to.
 * `cancel_deletion`: the link that stops an account deletion the user scheduled.
 */
export type VerificationPurpose = "verify_email" | "reset_password" | "magic_link" | "email_code" | "change_email" | "cancel_deletion";

/**
 * A one-time proof sent by mail: a link token (≥128 bits) and, for flows a person may type, a
 * short code. Both are stored only as keyed hashes; the row is single use, short-lived, and a code
 * allows only a few wrong guesses.
 */
export const verifications = pgTable(
  "verifications",
  {
    tenantId: tenantId(),
    id: id("verification"),
    userId: text("user_id").notNull(),
    purpose: text("purpose").$type<VerificationPurpose>().notNull(),
    /** The address the proof was sent to: verifying it proves that address, not a later one. */
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    codeHash: text("code_hash"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    sameTenant("verifications_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    uniqueIndex("verifications_token_hash_unique").on(t.tokenHash),
    index("verifications_tenant_user_purpose_idx").on(t.tenantId, t.userId, t.purpose),
  ],
);
