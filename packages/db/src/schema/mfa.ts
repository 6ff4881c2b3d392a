import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId } from "./columns";
import { users } from "./users";

/**
 * A sign-in that has passed its first factor and waits for the second: held by the browser (or
 * SDK) as an opaque token, stored only hashed, short-lived, single use, a few wrong codes allowed.
 * No session exists until it is completed.
 */
export const mfaChallenges = pgTable(
  "mfa_challenges",
  {
    tenantId: tenantId(),
    id: id("mfaChallenge"),
    userId: text("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The methods already used (RFC 8176), e.g. `pwd`; the second factor's is added on completion. */
    amr: text("amr").array().notNull().default([]),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    sameTenant("mfa_challenges_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    uniqueIndex("mfa_challenges_token_hash_unique").on(t.tokenHash),
  ],
);

export type WebAuthnCeremony = "registration" | "authentication";

/**
 * A WebAuthn challenge handed to a browser: single use, short-lived, found again by the hash of
 * the challenge the authenticator signed. Passwordless sign-in has no user yet, so user_id may be null.
 */
export const webauthnChallenges = pgTable(
  "webauthn_challenges",
  {
    tenantId: tenantId(),
    id: id("webauthnChallenge"),
    userId: text("user_id"),
    ceremony: text("ceremony").$type<WebAuthnCeremony>().notNull(),
    challengeHash: text("challenge_hash").notNull(),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    sameTenant("webauthn_challenges_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    uniqueIndex("webauthn_challenges_challenge_hash_unique").on(t.challengeHash),
    index("webauthn_challenges_expires_idx").on(t.expiresAt),
  ],
);
