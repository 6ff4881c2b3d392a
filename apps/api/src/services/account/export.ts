import { and, desc, eq, or } from "drizzle-orm";
import type { AccountExport } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { applications, auditEvents, consents, credentials, identities, memberships, notifications, organizations, roles, sessions } from "@plinto/db/schema";
import { getEmailPreferences, notificationBody } from "../notifications/notifications";
import { onboardingState } from "./onboarding";
import { accountProfile } from "./profile";

/** The most audit events an export carries (newest first): enough for a person, bounded for the server. */
export const EXPORT_AUDIT_EVENTS = 5_000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Everything Plinto holds about a user, for them to take away (GDPR art. 15 and 20): profile,
 * preferences, sessions, second factors and passkeys (what they are, never their secrets), linked
 * identities, consents, memberships, notifications and the audit events about them or by them.
 * Columns are chosen one by one, so no hash, secret, key or token can slip in as the tables grow.
 */
export async function exportAccount(db: Executor, input: { tenantId: string; userId: string; now?: Date }): Promise<AccountExport> {
  const who = { tenantId: input.tenantId, userId: input.userId };
  const [profile, emailPreferences, onboarding] = [
    await accountProfile(db, input.tenantId, input.userId),
    await getEmailPreferences(db, who),
    await onboardingState(db, who),
  ];
  const sessionRows = await db
    .select({
      id: sessions.id, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent, amr: sessions.amr, authTime: sessions.authTime,
      lastActiveAt: sessions.lastActiveAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.userId, input.userId)))
    .orderBy(desc(sessions.authTime));
  const credentialRows = await db
    .select({
      id: credentials.id, type: credentials.type, name: credentials.name, transports: credentials.passkeyTransports,
      verifiedAt: credentials.verifiedAt, lastUsedAt: credentials.lastUsedAt, createdAt: credentials.createdAt,
    })
    .from(credentials)
    .where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.userId, input.userId)));
  const identityRows = await db
    .select({ id: identities.id, kind: identities.kind, provider: identities.provider, subject: identities.subject, createdAt: identities.createdAt })
    .from(identities)
    .where(and(eq(identities.tenantId, input.tenantId), eq(identities.userId, input.userId)));
  const consentRows = await db
    .select({ applicationId: consents.applicationId, application: applications.name, scopes: consents.scopes, createdAt: consents.createdAt, updatedAt: consents.updatedAt })
    .from(consents)
    .innerJoin(applications, and(eq(applications.tenantId, consents.tenantId), eq(applications.id, consents.applicationId)))
    .where(and(eq(consents.tenantId, input.tenantId), eq(consents.userId, input.userId)));
  const membershipRows = await db
    .select({ organizationId: organizations.id, name: organizations.name, slug: organizations.slug, role: roles.key, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.userId, input.userId)));
  const notificationRows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.tenantId, input.tenantId), eq(notifications.userId, input.userId)))
    .orderBy(desc(notifications.createdAt));
  const eventRows = await db
    .select({
      id: auditEvents.id, occurredAt: auditEvents.occurredAt, action: auditEvents.action, actorType: auditEvents.actorType, actorId: auditEvents.actorId,
      targetType: auditEvents.targetType, targetId: auditEvents.targetId, ipAddress: auditEvents.ipAddress, userAgent: auditEvents.userAgent, data: auditEvents.data,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, input.tenantId), or(eq(auditEvents.targetId, input.userId), eq(auditEvents.actorId, input.userId))))
    .orderBy(desc(auditEvents.seq))
    .limit(EXPORT_AUDIT_EVENTS);

  const secondFactors = credentialRows.filter((c) => c.type === "totp" && c.verifiedAt !== null);
  return {
    exportedAt: (input.now ?? new Date()).toISOString(),
    profile,
    emailPreferences,
    onboarding,
    password: { set: credentialRows.some((c) => c.type === "password") },
    sessions: sessionRows.map((s) => ({
      id: s.id, ipAddress: s.ipAddress, userAgent: s.userAgent, amr: s.amr, authTime: s.authTime.toISOString(),
      lastActiveAt: s.lastActiveAt.toISOString(), expiresAt: s.expiresAt.toISOString(), revokedAt: iso(s.revokedAt),
    })),
    factors: secondFactors.map((c) => ({ id: c.id, type: c.type, name: c.name, createdAt: c.createdAt.toISOString(), lastUsedAt: iso(c.lastUsedAt) })),
    recoveryCodes: { remaining: credentialRows.filter((c) => c.type === "recovery_code" && c.lastUsedAt === null).length },
    passkeys: credentialRows
      .filter((c) => c.type === "passkey")
      .map((c) => ({ id: c.id, name: c.name, transports: c.transports ?? [], createdAt: c.createdAt.toISOString(), lastUsedAt: iso(c.lastUsedAt) })),
    identities: identityRows.map((i) => ({ id: i.id, kind: i.kind, provider: i.provider, subject: i.subject, createdAt: i.createdAt.toISOString() })),
    consents: consentRows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() })),
    memberships: membershipRows.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    notifications: notificationRows.map(notificationBody),
    auditEvents: eventRows.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
  };
}
