import type { AuditEvent } from "@plinto/contracts";
import type { AuditEventRow } from "../../../services/audit/events";

/** An audit event on the wire: everything it recorded. */
export function auditEventJson(event: AuditEventRow): AuditEvent {
  return {
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorType: event.actorType,
    actorId: event.actorId,
    targetType: event.targetType,
    targetId: event.targetId,
    ipAddress: event.ipAddress,
    userAgent: event.userAgent,
    data: event.data,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
