import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { AuditActorType } from "./audit";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";
import { users } from "./users";

/**
 * An administrator signing in as a user for support: asked for with a reason and a length, then
 * started once, from a single-use ticket (stored hashed), as a session of its own that ends on time.
 * Who asked is kept as the audit log names them, and a label (an email, a key's name) for the banner.
 */
export const impersonations = pgTable(
  "impersonations",
  {
    tenantId: tenantId(),
    id: id("impersonation"),
    userId: text("user_id").notNull(),
    actorType: text("actor_type").$type<AuditActorType>().notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    ticketHash: text("ticket_hash").notNull(),
    ticketExpiresAt: at("ticket_expires_at").notNull(),
    startedAt: at("started_at"),
    sessionId: text("session_id"),
    ...timestamps,
  },
  (t) => [
    sameTenant("impersonations_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    uniqueIndex("impersonations_ticket_hash_unique").on(t.ticketHash),
    index("impersonations_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);
