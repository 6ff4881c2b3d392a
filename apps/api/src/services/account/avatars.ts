import { and, eq } from "drizzle-orm";
import { AVATAR_MAX_BYTES, type AvatarContentType } from "@plinto/contracts";
import { isId, type Executor } from "@plinto/db";
import { tenants, userAvatars, users } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { requireUser } from "./profile";

/**
 * Profile pictures a user uploads. They are kept in the database (table `user_avatars`), not on
 * disk: the same code then works on PGlite and PostgreSQL, behind several API processes, and a
 * picture is backed up, restored and deleted with its account. At 1 MB each and one per user that
 * costs little. The type is read from the bytes (magic numbers), never from what the client says,
 * and only PNG, JPEG and WebP are kept: never SVG or HTML, which a browser could run as script.
 */

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

/** The image type the bytes are, by their signature, or undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): AvatarContentType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}

/** The public URL of an avatar: `{API_URL}/v1/tenants/{tenant}/avatars/{avatar}`. */
export function avatarUrl(publicUrl: string, tenantSlug: string, avatarId: string): string {
  return `${publicUrl}/v1/tenants/${encodeURIComponent(tenantSlug)}/avatars/${avatarId}`;
}

/**
 * Keeps a new picture for the user, replacing the one before, and makes its URL the profile's
 * `picture` (and so the OIDC `picture` claim). Refuses more than 1 MB and anything that is not a
 * PNG, JPEG or WebP image by its content.
 */
export async function setAvatar(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; tenantSlug: string; userId: string; bytes: Uint8Array; publicUrl: string },
) {
  if (input.bytes.length === 0) throw new ServiceError("validation_failed", "The picture is empty", [{ path: "(body)", message: "Send the image file as the body" }]);
  if (input.bytes.length > AVATAR_MAX_BYTES) throw new ServiceError("payload_too_large", `A picture is at most ${AVATAR_MAX_BYTES / (1024 * 1024)} MB`);
  const contentType = sniffImageType(input.bytes);
  if (!contentType) throw new ServiceError("unsupported_media_type", "A picture is a PNG, JPEG or WebP image");
  await requireUser(tx, input.tenantId, input.userId);
  await tx.delete(userAvatars).where(and(eq(userAvatars.tenantId, input.tenantId), eq(userAvatars.userId, input.userId)));
  const [avatar] = await tx
    .insert(userAvatars)
    .values({ tenantId: input.tenantId, userId: input.userId, contentType, byteSize: input.bytes.length, bytes: Buffer.from(input.bytes) })
    .returning({ id: userAvatars.id });
  const [user] = await tx
    .update(users)
    .set({ pictureUrl: avatarUrl(input.publicUrl, input.tenantSlug, avatar!.id) })
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "user.avatar_updated",
    targetType: "user",
    targetId: input.userId,
    data: { contentType, bytes: input.bytes.length },
  });
  return user!;
}

/** Removes the user's picture: the uploaded image, and the profile's `picture` whatever it was. */
export async function removeAvatar(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string }) {
  const current = await requireUser(tx, input.tenantId, input.userId);
  const removed = await tx
    .delete(userAvatars)
    .where(and(eq(userAvatars.tenantId, input.tenantId), eq(userAvatars.userId, input.userId)))
    .returning({ id: userAvatars.id });
  if (removed.length === 0 && current.pictureUrl === null) return current;
  const [user] = await tx
    .update(users)
    .set({ pictureUrl: null })
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .returning();
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.avatar_removed", targetType: "user", targetId: input.userId });
  return user!;
}

/** A picture by its public URL's tenant slug and id, or undefined; another tenant's id finds nothing. */
export async function findAvatar(db: Executor, tenantSlug: string, avatarId: string) {
  if (!isId("avatar", avatarId)) return undefined;
  const [row] = await db
    .select({ contentType: userAvatars.contentType, bytes: userAvatars.bytes, createdAt: userAvatars.createdAt })
    .from(userAvatars)
    .innerJoin(tenants, eq(tenants.id, userAvatars.tenantId))
    .where(and(eq(tenants.slug, tenantSlug), eq(tenants.status, "active"), eq(userAvatars.id, avatarId)))
    .limit(1);
  return row;
}
