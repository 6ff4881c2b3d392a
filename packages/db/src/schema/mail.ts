import { sql } from "drizzle-orm";
import { index, pgTable, text } from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./columns";

/**
 * The development outbox: mail Plinto would have sent, kept here when no SMTP_URL is configured,
 * so the demo, the admin and tests can read it (`GET /v1/dev/outbox`, embedded mode only). Rows
 * are written once and never changed. Bodies hold live codes and links: this table is never
 * written when SMTP is configured.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    tenantId: tenantId(),
    id: id("mail"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    /** What the mail is for, e.g. `verify-email`, `reset-password`, `invitation`. */
    kind: text("kind").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("mail_outbox_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("mail_outbox_tenant_to_idx").on(t.tenantId, sql`lower(${t.toAddress})`),
  ],
);

export type OutboxMail = typeof mailOutbox.$inferSelect;
