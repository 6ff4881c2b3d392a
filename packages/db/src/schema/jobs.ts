import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { at, id, tenantId, timestamps } from "./columns";

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

/** Work done outside the request: mail, webhook deliveries, deletions after their grace period. */
export const jobs = pgTable(
  "jobs",
  {
    tenantId: tenantId(),
    id: id("job"),
    queue: text("queue").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    runAt: at("run_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedAt: at("locked_at"),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [index("jobs_queue_status_run_at_idx").on(t.queue, t.status, t.runAt)],
);
