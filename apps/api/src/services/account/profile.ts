import { and, eq } from "drizzle-orm";
import type { AccountProfile, UpdateProfileRequest } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { users } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { pendingEmailChange } from "./email-change";

type User = typeof users.$inferSelect;

/** What the profile shows beyond the user row: an address change waiting for confirmation. */
export interface ProfileExtras {
  pendingEmail: { email: string; expiresAt: Date } | null;
}

/** The wire form of a user's own profile. */
export function profileOf(user: User, extras: ProfileExtras): AccountProfile {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    name: user.name,
    givenName: user.givenName,
    familyName: user.familyName,
    picture: user.pictureUrl,
    locale: user.locale,
    pendingEmail: extras.pendingEmail ? { email: extras.pendingEmail.email, expiresAt: extras.pendingEmail.expiresAt.toISOString() } : null,
    deletionScheduledFor: user.deletionScheduledFor?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The user's profile as it is now, read after any change has committed. */
export async function accountProfile(db: Executor, tenantId: string, userId: string): Promise<AccountProfile> {
  const user = await requireUser(db, tenantId, userId);
  return profileOf(user, { pendingEmail: await pendingEmailChange(db, tenantId, userId) });
}

export async function requireUser(db: Executor, tenantId: string, userId: string): Promise<User> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  if (!user) throw new ServiceError("not_found", "No such user");
  return user;
}

const PROFILE_FIELDS = ["name", "givenName", "familyName", "locale"] as const;

/**
 * Changes the user's own profile fields: only those the change names; null or an empty string
 * clears one. Audited with the names of what changed, not the values.
 */
export async function updateProfile(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; change: UpdateProfileRequest },
): Promise<User> {
  const current = await requireUser(tx, input.tenantId, input.userId);
  const set: Partial<Record<(typeof PROFILE_FIELDS)[number], string | null>> = {};
  for (const field of PROFILE_FIELDS) {
    const value = input.change[field];
    if (value === undefined) continue;
    const next = value === null || value === "" ? null : value;
    if (next !== current[field]) set[field] = next;
  }
  const changed = Object.keys(set);
  if (changed.length === 0) return current;
  const [user] = await tx
    .update(users)
    .set(set)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .returning();
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.profile_updated", targetType: "user", targetId: input.userId, data: { changed } });
  return user!;
}
