import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@plinto/db";
import { credentials, tenants, users } from "@plinto/db/schema";
import { hashPassword, isBcryptHash } from "../../lib/password";
import { recordAuditEvent } from "../audit/audit";
import { autoJoinByDomain } from "../organizations/domains";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { evaluatePassword, policyForTenant } from "./password-policy";

const emailSchema = z.email();

/** Emails are kept as given (trimmed, NFC) and compared case-insensitively, per tenant. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC");
}

/**
 * Refuses a password the tenant's policy does not allow (see password-policy.ts: NIST 800-63B
 * length in code points, common passwords, the account's email and the tenant's names), with one
 * field error per problem.
 */
async function assertPasswordAllowed(db: Executor, tenantId: string, password: string, email: string | undefined) {
  const [tenant] = await db
    .select({ name: tenants.name, slug: tenants.slug, settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  const result = evaluatePassword(password, {
    ...policyForTenant(tenant?.settings),
    context: { email, words: [tenant?.name, tenant?.slug, tenant?.settings.branding?.displayName] },
  });
  if (!result.ok) {
    throw new ServiceError(
      "validation_failed",
      result.problems[0]!.message,
      result.problems.map((problem) => ({ path: "password", message: problem.message })),
    );
  }
}

export interface NewUser {
  tenantId: string;
  email: string;
  password?: string;
  /** Import: a bcrypt hash from another system, stored as given; the next sign-in replaces it with argon2id. */
  passwordHash?: string;
  name?: string;
  emailVerified?: boolean;
}

export async function findUserByEmail(db: Executor, tenantId: string, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${normalizeEmail(email)})`))
    .limit(1);
  return user;
}

export async function findUserById(db: Executor, tenantId: string, userId: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  return user;
}

export async function createUser(tx: Executor, ctx: RequestContext, input: NewUser) {
  const email = normalizeEmail(input.email);
  if (!emailSchema.safeParse(email).success) {
    throw new ServiceError("validation_failed", "That is not an email address", [
      { path: "email", message: "Enter an email address like name@example.com" },
    ]);
  }
  if (input.password !== undefined && input.passwordHash !== undefined) {
    throw new ServiceError("validation_failed", "Give a password or a passwordHash, not both", [
      { path: "passwordHash", message: "Give a password or a passwordHash, not both" },
    ]);
  }
  // Only bcrypt is imported: anything else would sit in the credentials table unverifiable.
  if (input.passwordHash !== undefined && !isBcryptHash(input.passwordHash)) {
    throw new ServiceError("validation_failed", "passwordHash is not a bcrypt hash", [
      { path: "passwordHash", message: "passwordHash is a bcrypt hash ($2a$, $2b$ or $2y$)" },
    ]);
  }
  if (input.password !== undefined) await assertPasswordAllowed(tx, input.tenantId, input.password, email);
  if (await findUserByEmail(tx, input.tenantId, email)) {
    throw new ServiceError("conflict", "A user with this email already exists in this tenant");
  }
  const [user] = await tx
    .insert(users)
    .values({
      tenantId: input.tenantId,
      email,
      name: input.name?.trim() || null,
      emailVerifiedAt: input.emailVerified ? new Date() : null,
    })
    .returning();
  if (input.password !== undefined || input.passwordHash !== undefined) {
    await tx.insert(credentials).values({
      tenantId: input.tenantId,
      userId: user!.id,
      type: "password",
      secret: input.passwordHash ?? (await hashPassword(input.password!)),
    });
  }
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "user.created",
    targetType: "user",
    targetId: user!.id,
    data: {
      withPassword: input.password !== undefined || input.passwordHash !== undefined,
      emailVerified: Boolean(input.emailVerified),
      ...(input.passwordHash !== undefined ? { importedPasswordHash: "bcrypt" } : {}),
    },
  });
  if (input.emailVerified) await autoJoinByDomain(tx, ctx, { tenantId: input.tenantId, userId: user!.id, email });
  return user!;
}

/** Sets (or replaces) a user's password credential. */
export async function setPassword(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; password: string },
) {
  const [user] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .limit(1);
  await assertPasswordAllowed(tx, input.tenantId, input.password, user?.email);
  const secret = await hashPassword(input.password);
  const scope = and(
    eq(credentials.tenantId, input.tenantId),
    eq(credentials.userId, input.userId),
    eq(credentials.type, "password"),
  );
  const updated = await tx.update(credentials).set({ secret }).where(scope).returning({ id: credentials.id });
  if (updated.length === 0) {
    await tx.insert(credentials).values({ tenantId: input.tenantId, userId: input.userId, type: "password", secret });
  }
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "user.password_set",
    targetType: "user",
    targetId: input.userId,
  });
}

/**
 * The user with this email and their password hash, in one query: password sign-in does the same
 * database work whether or not the account exists, so its timing says nothing about the address.
 */
export async function findUserWithPasswordHash(db: Executor, tenantId: string, email: string) {
  const [row] = await db
    .select({ user: users, passwordHash: credentials.secret })
    .from(users)
    .leftJoin(
      credentials,
      and(eq(credentials.tenantId, users.tenantId), eq(credentials.userId, users.id), eq(credentials.type, "password")),
    )
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${normalizeEmail(email)})`))
    .limit(1);
  return row ? { user: row.user, passwordHash: row.passwordHash ?? undefined } : undefined;
}

export async function getPasswordHash(db: Executor, tenantId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ secret: credentials.secret })
    .from(credentials)
    .where(and(eq(credentials.tenantId, tenantId), eq(credentials.userId, userId), eq(credentials.type, "password")))
    .limit(1);
  return row?.secret ?? undefined;
}

/**
 * Swaps in a stronger hash of the same password (an imported bcrypt hash, or weaker argon2
 * parameters), computed by the caller while the password was at hand during sign-in.
 */
export async function replacePasswordHash(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; hash: string },
) {
  await tx
    .update(credentials)
    .set({ secret: input.hash })
    .where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.userId, input.userId), eq(credentials.type, "password")));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "user.password_rehashed",
    targetType: "user",
    targetId: input.userId,
  });
}
