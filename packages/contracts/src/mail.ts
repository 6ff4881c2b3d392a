import { z } from "zod";

/** A mail id as the API hands it out: `mail_` and 26 lowercase Crockford base32 characters. */
const mailId = z.string().regex(/^mail_[0-9a-hjkmnp-tv-z]{26}$/, "Expected a mail id like mail_01…");

/**
 * `GET /v1/dev/outbox` query: the mail a tenant would have sent, newest first. Exists only in the
 * embedded development mode (no DATABASE_URL); everywhere else the path answers 404.
 */
export const devOutboxQuerySchema = z.object({
  /** The tenant's slug, e.g. `demo`. */
  tenant: z.string().min(1).max(48),
  /** Only mail to this address (compared case-insensitively). */
  to: z.email().max(320).optional(),
  /** Only mail of this kind, e.g. `verify-email`. */
  kind: z
    .string()
    .regex(/^[a-z0-9]+(?:[-._][a-z0-9]+)*$/, "Expected a kind like verify-email")
    .max(64)
    .optional(),
  /** How many to return, 1–100 (default 20). */
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Cursor: only mail older than this one (pass the last id of the previous page). */
  before: mailId.optional(),
});
export type DevOutboxQuery = z.infer<typeof devOutboxQuerySchema>;

export const outboxMessageSchema = z.object({
  id: mailId,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  kind: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const devOutboxResponseSchema = z.object({
  messages: z.array(outboxMessageSchema),
});
export type DevOutboxResponse = z.infer<typeof devOutboxResponseSchema>;
