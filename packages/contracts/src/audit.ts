import { z } from "zod";
import { managed, type Operation } from "./operation";
import { nextCursorSchema, pageQuerySchema } from "./management";

/**
 * A tenant's audit log (`/v1/audit-events`, `audit:read`): every security-relevant change, who made
 * it, to what, when. The log is append-only and hash-chained per tenant; these operations only read.
 */

const timestamp = z.iso.datetime({ offset: true });

export const AUDIT_ACTOR_TYPES = ["user", "admin", "api_key", "system", "directory"] as const;
/** The most events one export holds; narrow the filters (a time range) for more. */
export const AUDIT_EXPORT_LIMIT = 10_000;
/** Set on an export's answer: `true` when more events matched than `AUDIT_EXPORT_LIMIT`. */
export const AUDIT_EXPORT_TRUNCATED_HEADER = "plinto-export-truncated";

export const auditEventIdSchema = z.string().regex(/^evt_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected an audit event id like evt_01…" });

/** A time range that ends before it starts matches nothing: say so instead. */
const inOrder: [(f: { from?: string | undefined; to?: string | undefined }) => boolean, { error: string; path: string[] }] = [
  (f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to),
  { error: "from is not after to", path: ["to"] },
];

const filterText = (what: string, max = 200) =>
  z.string().trim().min(1, { error: `${what} is not empty when given` }).max(max, { error: `${what} is at most ${max} characters` });

/** The filters the list and the export share. `from` is inclusive, `to` exclusive. */
export const auditEventFilterSchema = z
  .object({
    actor: filterText("actor").optional().describe("The id of who acted: a user, admin, API key or directory"),
    actorType: z.enum(AUDIT_ACTOR_TYPES, { error: `actorType is one of ${AUDIT_ACTOR_TYPES.join(", ")}` }).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]+(?:\.[a-z0-9_]+)*\.?$/, { error: "action is an action like user.blocked, or a prefix ending in a dot like user." })
      .max(100, { error: "action is at most 100 characters" })
      .optional()
      .describe("An action (user.blocked), or every action under a prefix ending in a dot (user.)"),
    targetType: filterText("targetType", 100).optional(),
    targetId: filterText("targetId").optional(),
    from: timestamp.optional().describe("Events at or after this time (ISO 8601)"),
    to: timestamp.optional().describe("Events before this time (ISO 8601)"),
  })
  .refine(...inOrder);
export type AuditEventFilter = z.infer<typeof auditEventFilterSchema>;

/** `GET /v1/audit-events`: newest first, a page at a time. */
export const auditEventListQuerySchema = z.object({ ...pageQuerySchema.shape, ...auditEventFilterSchema.shape }).refine(...inOrder);
export type AuditEventListQuery = z.infer<typeof auditEventListQuerySchema>;

export const AUDIT_EXPORT_FORMATS = ["csv", "json"] as const;
/** `GET /v1/audit-events/export`: every matching event (newest first, up to the cap) as one file. */
export const auditEventExportQuerySchema = z
  .object({
    ...auditEventFilterSchema.shape,
    format: z.enum(AUDIT_EXPORT_FORMATS, { error: "format is csv or json" }).default("csv"),
  })
  .refine(...inOrder);
export type AuditEventExportQuery = z.infer<typeof auditEventExportQuerySchema>;

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

export const auditEventSchema = z.object({
  id: auditEventIdSchema,
  seq: z.int().min(1).describe("The event's place in the tenant's chain"),
  occurredAt: timestamp,
  action: z.string(),
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).describe("Facts about the change; never a secret"),
  prevHash: z.string().nullable().describe("The previous event's hash (null for the first)"),
  hash: z.string().describe("SHA-256 over this event and prevHash"),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventResponseSchema = z.object({ event: auditEventSchema });
export const auditEventListResponseSchema = z.object({ events: z.array(auditEventSchema), nextCursor: nextCursorSchema });
export type AuditEventListResponse = z.infer<typeof auditEventListResponseSchema>;
export const auditEventExportJsonSchema = z.object({
  events: z.array(auditEventSchema),
  truncated: z.boolean().describe(`true when more than ${AUDIT_EXPORT_LIMIT} events matched: narrow the filters for the rest`),
});
export type AuditEventExport = z.infer<typeof auditEventExportJsonSchema>;

/** The CSV export's columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  "id", "seq", "occurredAt", "action", "actorType", "actorId", "targetType", "targetId", "ipAddress", "userAgent", "data", "prevHash", "hash",
] as const satisfies ReadonlyArray<keyof AuditEvent>;

// ── Examples and operations ───────────────────────────────────────────────────────────────────

const event = {
  id: "evt_01jbz6y0fq7m2x9d8c4v6b5n3k",
  seq: 42,
  occurredAt: "2026-11-27T09:30:00.000Z",
  action: "user.blocked",
  actorType: "admin" as const,
  actorId: "usr_01jbz6y0fq7m2x9d8c4v6b5n3m",
  targetType: "user",
  targetId: "usr_01jbz6y0fq7m2x9d8c4v6b5n3n",
  ipAddress: "203.0.113.7",
  userAgent: "Mozilla/5.0",
  data: {},
  prevHash: "3f0a9c4be0d1f5a2b7c8e9d0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
  hash: "9b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff0",
};
const csvExample =
  `${AUDIT_CSV_COLUMNS.join(",")}\r\n` +
  `${event.id},42,${event.occurredAt},user.blocked,admin,${event.actorId},user,${event.targetId},203.0.113.7,Mozilla/5.0,{},${event.prevHash},${event.hash}\r\n`;

const path = (rest = "") => `/v1/audit-events${rest}`;
const tag = "Audit log";

export const auditOperations: Operation[] = [
  {
    method: "get", path: path(), operationId: "listAuditEvents", tag, security: "management", scope: "audit:read",
    summary: "The tenant's audit log, newest first, a page at a time, filtered by actor, action, target and time",
    query: auditEventListQuerySchema,
    success: { status: 200, description: "A page of events", schema: auditEventListResponseSchema },
    errors: [...managed, "validation_failed"],
    examples: { response: { events: [event], nextCursor: "c2VxOjQy" } },
  },
  {
    method: "get", path: path("/export"), operationId: "exportAuditEvents", tag, security: "management", scope: "audit:read",
    summary: `Every event the filters match, newest first, up to ${AUDIT_EXPORT_LIMIT}, as a CSV (format=csv, the default) or JSON (format=json) file`,
    query: auditEventExportQuerySchema,
    success: {
      status: 200,
      description: `A file to save (Content-Disposition: attachment). CSV per RFC 4180 with a header row; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it`,
      schema: auditEventExportJsonSchema,
      headers: { [AUDIT_EXPORT_TRUNCATED_HEADER]: `true when more than ${AUDIT_EXPORT_LIMIT} events matched`, "Content-Disposition": 'attachment; filename="audit-<tenant>-<date>.csv"' },
      alternatives: [{ mediaType: "text/csv", schema: z.string(), example: csvExample }],
    },
    errors: [...managed, "validation_failed"],
    examples: { response: { events: [event], truncated: false } },
  },
  {
    method: "get", path: path("/{event}"), operationId: "getAuditEvent", tag, security: "management", scope: "audit:read",
    summary: "One event of the tenant's audit log, with all it recorded",
    success: { status: 200, description: "The event", schema: auditEventResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { event } },
  },
];
