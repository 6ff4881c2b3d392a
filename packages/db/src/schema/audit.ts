import { bigint, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, tenantId } from "./columns";

export type AuditActorType = "user" | "admin" | "api_key" | "system" | "directory";

/**
 * What happened, who did it, to what. Append-only (a trigger refuses UPDATE and DELETE) and
 * hash-chained per tenant: `hash` covers this event and `prev_hash`, so a gap or edit shows.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: tenantId(),
    id: id("auditEvent"),
    seq: bigint("seq", { mode: "number" }).notNull(),
    occurredAt: at("occurred_at").notNull().defaultNow(),
    action: text("action").notNull(),
    actorType: text("actor_type").$type<AuditActorType>().notNull(),
    actorId: text("actor_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_events_tenant_seq_unique").on(t.tenantId, t.seq),
    index("audit_events_tenant_time_idx").on(t.tenantId, t.occurredAt),
    index("audit_events_tenant_actor_idx").on(t.tenantId, t.actorId),
    index("audit_events_tenant_target_idx").on(t.tenantId, t.targetId),
  ],
);
