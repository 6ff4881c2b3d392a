import { boolean, index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";

/** Where a tenant wants events delivered; payloads are signed with the (encrypted) secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    tenantId: tenantId(),
    id: id("webhookEndpoint"),
    url: text("url").notNull(),
    description: text("description"),
    secretEncrypted: text("secret_encrypted").notNull(),
    events: text("events").array().notNull().default([]),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [unique("webhook_endpoints_tenant_id_unique").on(t.tenantId, t.id)],
);

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

/** One attempt series to deliver one event to one endpoint, retried with back-off. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    tenantId: tenantId(),
    id: id("webhookDelivery"),
    endpointId: text("endpoint_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at"),
    lastResponseStatus: integer("last_response_status"),
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [
    sameTenant("webhook_deliveries_endpoint_fk", [t.tenantId, t.endpointId], [webhookEndpoints.tenantId, webhookEndpoints.id]),
    index("webhook_deliveries_tenant_endpoint_idx").on(t.tenantId, t.endpointId, t.createdAt),
  ],
);
