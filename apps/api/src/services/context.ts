import type { AuditActorType } from "@plinto/db/schema";

/** Who is acting and from where; every service call that changes state takes one. */
export interface RequestContext {
  actor: { type: AuditActorType; id?: string };
  ipAddress?: string;
  userAgent?: string;
}

/** For work Plinto does on its own behalf: start-up, the seed, scheduled jobs. */
export const systemContext: RequestContext = { actor: { type: "system" } };
