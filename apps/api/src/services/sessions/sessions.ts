import { type SQL, and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { sessions, tenants, users, type TenantSettings } from "@plinto/db/schema";
import { hashToken, randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { notify } from "../notifications/notifications";
import { revokeUserGrants } from "../oidc/grants";

/** Defaults when a tenant sets none: a session ends after 30 days, or 7 days without use. */
export const DEFAULT_SESSION_LIFETIMES = { absoluteSeconds: 30 * 86_400, idleSeconds: 7 * 86_400 } as const;
/** Last-activity writes are skipped when the last one is this recent: one write per minute at most. */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

export function sessionLifetimes(settings: TenantSettings) {
  return {
    absoluteSeconds: settings.sessionLifetimes?.absoluteSeconds ?? DEFAULT_SESSION_LIFETIMES.absoluteSeconds,
    idleSeconds: settings.sessionLifetimes?.idleSeconds ?? DEFAULT_SESSION_LIFETIMES.idleSeconds,
  };
}

export interface NewSession {
  tenantId: string;
  userId: string;
  /** RFC 8176 methods used to sign in: `pwd`, `otp`, `mfa`, `hwk`, … */
  amr: string[];
  acr?: string;
  now?: Date;
  /** An administrator signing in as the user: the session ends at `expiresAt` and says so. */
  impersonation?: { id: string; expiresAt: Date };
}

/**
 * Starts an IdP session. The token (256 random bits) goes to the cookie and is never stored; the
 * row holds its SHA-256. A fresh session (and id) at every sign-in, never a reused one.
 */
export async function createSession(tx: Executor, ctx: RequestContext, input: NewSession) {
  const now = input.now ?? new Date();
  const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, input.tenantId));
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  const { absoluteSeconds } = sessionLifetimes(tenant.settings);
  const token = randomToken(32);
  const newDevice = !input.impersonation && (await isNewDevice(tx, { tenantId: input.tenantId, userId: input.userId, ctx, now }));
  const [session] = await tx
    .insert(sessions)
    .values({
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      ipAddress: ctx.ipAddress ?? null,
      userAgent: ctx.userAgent ?? null,
      amr: input.amr,
      acr: input.acr ?? null,
      authTime: now,
      lastActiveAt: now,
      expiresAt: input.impersonation?.expiresAt ?? new Date(now.getTime() + absoluteSeconds * 1000),
      impersonationId: input.impersonation?.id ?? null,
    })
    .returning();
  await tx.update(users).set({ lastSignInAt: now }).where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)));
  if (newDevice) {
    const device = ctx.userAgent ? describeUserAgent(ctx.userAgent) : "an unknown device";
    await notify(tx, {
      tenantId: input.tenantId,
      userId: input.userId,
      kind: "new_sign_in",
      title: "New sign-in",
      body: `Your account was signed in to from ${device}${ctx.ipAddress ? ` (${ctx.ipAddress})` : ""}. If this was not you, choose a new password.`,
      data: { sessionId: session!.id, at: now.toISOString(), userAgent: ctx.userAgent ?? null, ipAddress: ctx.ipAddress ?? null },
      mail: true,
    });
  }
  await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: input.userId } }, {
    tenantId: input.tenantId,
    action: "session.created",
    targetType: "session",
    targetId: session!.id,
    data: { amr: input.amr, ...(input.impersonation ? { impersonation: input.impersonation.id } : {}) },
  });
  return { session: session!, token };
}

/** How far back a device (user agent and IP address together) counts as seen. */
export const KNOWN_DEVICE_DAYS = 90;

/**
 * Whether a sign-in comes from a user agent and address pair none of the user's sessions of the
 * last 90 days had. A user's very first sign-in is not "new": there is nothing to compare with.
 */
async function isNewDevice(tx: Executor, input: { tenantId: string; userId: string; ctx: RequestContext; now: Date }) {
  const since = new Date(input.now.getTime() - KNOWN_DEVICE_DAYS * 86_400_000);
  const recent = await tx
    .select({ userAgent: sessions.userAgent, ipAddress: sessions.ipAddress })
    .from(sessions)
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.userId, input.userId), gt(sessions.authTime, since)))
    .orderBy(desc(sessions.authTime))
    .limit(200);
  if (recent.length === 0) return false;
  const ua = input.ctx.userAgent ?? null;
  const ip = input.ctx.ipAddress ?? null;
  return !recent.some((s) => s.userAgent === ua && s.ipAddress === ip);
}

/** A short, human name for a user agent: "Firefox on Windows", or the start of the string. */
export function describeUserAgent(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : undefined;
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : undefined;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/**
 * The live session a token names in this tenant, with its user, or undefined: unknown, revoked,
 * past its absolute or idle limit, or its user no longer active all look the same to the caller.
 */
export async function resolveSession(db: Executor, tenantId: string, token: string, now: Date = new Date()) {
  if (!token) return undefined;
  return liveSession(db, tenantId, eq(sessions.tokenHash, hashToken(token)), now);
}

/**
 * The same, for a session named by its id on behalf of its user: what an access token's `sid`
 * points at. Ending the session (sign-out, revocation, expiry) ends what such tokens may do.
 */
export async function resolveSessionById(db: Executor, tenantId: string, input: { sessionId: string; userId: string; now?: Date }) {
  const live = await liveSession(db, tenantId, eq(sessions.id, input.sessionId), input.now ?? new Date());
  return live?.user.id === input.userId ? live : undefined;
}

async function liveSession(db: Executor, tenantId: string, which: SQL, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users, settings: tenants.settings })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tenantId, tenantId), which, isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.user.status !== "active") return undefined;
  const { idleSeconds } = sessionLifetimes(row.settings);
  if (now.getTime() - row.session.lastActiveAt.getTime() > idleSeconds * 1000) return undefined;
  if (now.getTime() - row.session.lastActiveAt.getTime() > ACTIVITY_WRITE_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastActiveAt: now })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, row.session.id)));
  }
  return { session: row.session, user: row.user };
}

/**
 * How a request names its session: the session token itself (cookie or Bearer), or, once an API
 * access token has been verified, the session its `sid` names and the user it was issued to.
 */
export type SessionCredential = { sessionToken: string } | { sessionId: string; userId: string };

/** The live session a credential names, with its user, or undefined (see `resolveSession`). */
export async function resolveCredential(db: Executor, tenantId: string, credential: SessionCredential, now: Date = new Date()) {
  return "sessionToken" in credential
    ? resolveSession(db, tenantId, credential.sessionToken, now)
    : resolveSessionById(db, tenantId, { sessionId: credential.sessionId, userId: credential.userId, now });
}

/** A user's sessions that are still live, newest first. */
export async function listSessions(db: Executor, tenantId: string, userId: string, now: Date = new Date()) {
  return db
    .select({
      id: sessions.id,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
      amr: sessions.amr,
      authTime: sessions.authTime,
      lastActiveAt: sessions.lastActiveAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(
      and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
    )
    .orderBy(desc(sessions.authTime));
}

/** Ends one of the user's sessions and every refresh token issued under it. */
export async function revokeSession(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; sessionId: string; reason: string },
) {
  const now = new Date();
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.tenantId, input.tenantId),
        eq(sessions.userId, input.userId),
        eq(sessions.id, input.sessionId),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  if (ended.length === 0) throw new ServiceError("not_found", "No such session");
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "session.revoked",
    targetType: "session",
    targetId: input.sessionId,
    data: { reason: input.reason },
  });
}

/**
 * Ends every session of a user (all but `exceptSessionId` when given) and all their refresh
 * tokens, at once: used when a password is reset, a user is blocked or deleted, or asks for it.
 */
export async function revokeAllSessions(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; reason: string; exceptSessionId?: string },
) {
  const now = new Date();
  const live = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.userId, input.userId), isNull(sessions.revokedAt)));
  const ending = live.map((s) => s.id).filter((id) => id !== input.exceptSessionId);
  if (ending.length > 0) {
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.tenantId, input.tenantId), inArray(sessions.id, ending)));
  }
  // Tokens issued to applications end too: all of them, or all but those issued under the session that stays.
  const tokens = await revokeUserGrants(tx, { tenantId: input.tenantId, userId: input.userId, exceptSessionId: input.exceptSessionId });
  if (ending.length > 0 || tokens > 0) {
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "session.revoked_all",
      targetType: "user",
      targetId: input.userId,
      data: { reason: input.reason, count: ending.length, applicationTokens: tokens },
    });
  }
  return ending.length;
}
