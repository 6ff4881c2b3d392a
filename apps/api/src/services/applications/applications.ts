import { randomInt } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { APPLICATION_GRANT_TYPES, APPLICATION_SCOPES } from "@plinto/contracts";
import { isId, type Executor } from "@plinto/db";
import { applications, oidcModels, type ApplicationType } from "@plinto/db/schema";
import { constantTimeEqual, hashToken, randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { checkApplication, invalid, PUBLIC_TYPES, SECRET_METHODS, type JwkSet, type Settled } from "./rules";

export { APPLICATION_GRANT_TYPES, APPLICATION_SCOPES };

/** An application row as stored: callers outside this module never show `clientSecretHash`. */
export type Application = typeof applications.$inferSelect;

/** What an application may change after it is created (its type and client id never change). */
export interface ApplicationSettings {
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  grantTypes?: string[];
  allowedScopes?: string[];
  firstParty?: boolean;
  tokenEndpointAuthMethod?: string;
  jwks?: JwkSet | null;
  logoUri?: string | null;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
}

export interface NewApplication extends ApplicationSettings {
  tenantId: string;
  name: string;
  type: ApplicationType;
  /** A fixed client id (the development seed's `plinto-admin`, …); generated otherwise. */
  clientId?: string;
}

export interface ApplicationChanges extends ApplicationSettings {
  tenantId: string;
  applicationId: string;
  name?: string;
}

const DEFAULT_SCOPES = ["openid", "profile", "email", "offline_access"];
const DEFAULT_LIFETIMES = { accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 30 * 86_400 };

/** Secrets look like `plinto_cs_<43 chars>`: 256 bits, recognisable by secret scanners. */
const SECRET_PREFIX = "plinto_cs_";
/** Client ids: 24 lowercase Crockford base32 characters (120 random bits), no look-alike letters. */
const CLIENT_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const CLIENT_ID_LENGTH = 24;
const FIXED_CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,99}$/;

function newClientId(): string {
  return Array.from({ length: CLIENT_ID_LENGTH }, () => CLIENT_ID_ALPHABET[randomInt(CLIENT_ID_ALPHABET.length)]).join("");
}

function newClientSecret(): { clientSecret: string; clientSecretHash: string } {
  const clientSecret = `${SECRET_PREFIX}${randomToken(32)}`;
  return { clientSecret, clientSecretHash: hashToken(clientSecret) };
}

/** True when `presented` is the application's current client secret. Never compares the secret itself. */
export function verifyClientSecret(application: { clientSecretHash: string | null }, presented: string): boolean {
  if (!application.clientSecretHash || typeof presented !== "string" || presented.length === 0 || presented.length > 512) return false;
  return constantTimeEqual(hashToken(presented), application.clientSecretHash);
}

/** Facts for the audit log: settings, never a secret; public keys by kid only. */
function auditFacts(settings: Partial<Settled>): Record<string, unknown> {
  const { jwks, ...rest } = settings;
  return { ...rest, ...(jwks !== undefined ? { jwksKids: jwks ? jwks.keys.map((k) => k.kid ?? null) : null } : {}) };
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────

/** The tenant's applications, newest first. */
export async function listApplications(db: Executor, tenantId: string) {
  return db.select().from(applications).where(eq(applications.tenantId, tenantId)).orderBy(desc(applications.createdAt), desc(applications.id));
}

async function findApplication(db: Executor, tenantId: string, applicationId: string, options: { lock?: boolean } = {}) {
  if (!isId("application", applicationId)) return undefined;
  const query = db
    .select()
    .from(applications)
    .where(and(eq(applications.tenantId, tenantId), eq(applications.id, applicationId)))
    .limit(1);
  const [application] = options.lock ? await query.for("update") : await query;
  return application;
}

/** One of the tenant's applications; another tenant's is not_found, exactly like a missing one. */
export async function getApplication(db: Executor, tenantId: string, applicationId: string) {
  const application = await findApplication(db, tenantId, applicationId);
  if (!application) throw new ServiceError("not_found", "No such application");
  return application;
}

async function lockApplication(tx: Executor, tenantId: string, applicationId: string) {
  const application = await findApplication(tx, tenantId, applicationId, { lock: true });
  if (!application) throw new ServiceError("not_found", "No such application");
  return application;
}

/** The tenant's application with this client id, or undefined. */
export async function findApplicationByClientId(db: Executor, tenantId: string, clientId: string) {
  if (clientId.length === 0 || clientId.length > 200) return undefined;
  const [application] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.tenantId, tenantId), eq(applications.clientId, clientId)))
    .limit(1);
  return application;
}

// ── Changes ───────────────────────────────────────────────────────────────────────────────────

/**
 * Registers an application. A confidential one (web, machine) gets a client secret, returned this
 * once and stored only as its SHA-256; a public one (spa, native) gets none.
 */
export async function createApplication(
  tx: Executor,
  ctx: RequestContext,
  input: NewApplication,
): Promise<{ application: Application; clientSecret?: string }> {
  const isPublic = PUBLIC_TYPES.has(input.type);
  const settled = checkApplication(input.type, {
    name: input.name,
    tokenEndpointAuthMethod: input.tokenEndpointAuthMethod ?? (isPublic ? "none" : "client_secret_basic"),
    jwks: input.jwks ?? null,
    logoUri: input.logoUri ?? null,
    redirectUris: input.redirectUris ?? [],
    postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
    grantTypes: input.grantTypes ?? (input.type === "machine" ? ["client_credentials"] : ["authorization_code", "refresh_token"]),
    allowedScopes: input.allowedScopes ?? DEFAULT_SCOPES,
    firstParty: input.firstParty ?? true,
    accessTokenTtlSeconds: input.accessTokenTtlSeconds ?? DEFAULT_LIFETIMES.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: input.refreshTokenTtlSeconds ?? DEFAULT_LIFETIMES.refreshTokenTtlSeconds,
  });

  let clientId = newClientId();
  if (input.clientId !== undefined) {
    if (!FIXED_CLIENT_ID.test(input.clientId)) {
      throw invalid([{ path: "clientId", message: "A client id is 3–100 letters, digits, dots, hyphens or underscores" }]);
    }
    const [taken] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.clientId, input.clientId)).limit(1);
    if (taken) throw new ServiceError("conflict", `The client id "${input.clientId}" is already taken`);
    clientId = input.clientId;
  }

  const secret = SECRET_METHODS.has(settled.tokenEndpointAuthMethod) ? newClientSecret() : undefined;
  const [application] = await tx
    .insert(applications)
    .values({ tenantId: input.tenantId, type: input.type, clientId, clientSecretHash: secret?.clientSecretHash ?? null, ...settled })
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "application.created",
    targetType: "application",
    targetId: application!.id,
    data: { type: input.type, clientId, ...auditFacts(settled) },
  });
  return { application: application!, ...(secret ? { clientSecret: secret.clientSecret } : {}) };
}

/**
 * Changes the settings sent (undefined leaves one as it is). Moving to a secret-based
 * token_endpoint_auth_method issues a secret (returned this once); moving to private_key_jwt
 * drops the old secret, and leaving private_key_jwt drops the keys.
 */
export async function updateApplication(
  tx: Executor,
  ctx: RequestContext,
  input: ApplicationChanges,
): Promise<{ application: Application; clientSecret?: string }> {
  const current = await lockApplication(tx, input.tenantId, input.applicationId);
  const method = input.tokenEndpointAuthMethod ?? current.tokenEndpointAuthMethod;
  const before: Settled = {
    name: current.name,
    tokenEndpointAuthMethod: current.tokenEndpointAuthMethod,
    jwks: current.jwks,
    logoUri: current.logoUri,
    redirectUris: current.redirectUris,
    postLogoutRedirectUris: current.postLogoutRedirectUris,
    grantTypes: current.grantTypes,
    allowedScopes: current.allowedScopes,
    firstParty: current.firstParty,
    accessTokenTtlSeconds: current.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: current.refreshTokenTtlSeconds,
  };
  const after = checkApplication(current.type, {
    name: input.name ?? before.name,
    tokenEndpointAuthMethod: method,
    jwks: input.jwks !== undefined ? input.jwks : method === "private_key_jwt" ? before.jwks : null,
    logoUri: input.logoUri !== undefined ? input.logoUri : before.logoUri,
    redirectUris: input.redirectUris ?? before.redirectUris,
    postLogoutRedirectUris: input.postLogoutRedirectUris ?? before.postLogoutRedirectUris,
    grantTypes: input.grantTypes ?? before.grantTypes,
    allowedScopes: input.allowedScopes ?? before.allowedScopes,
    firstParty: input.firstParty ?? before.firstParty,
    accessTokenTtlSeconds: input.accessTokenTtlSeconds ?? before.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: input.refreshTokenTtlSeconds ?? before.refreshTokenTtlSeconds,
  });

  const changed = (Object.keys(after) as Array<keyof Settled>).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  const usesSecret = SECRET_METHODS.has(after.tokenEndpointAuthMethod);
  const secret = usesSecret && !current.clientSecretHash ? newClientSecret() : undefined;
  const secretRemoved = !usesSecret && current.clientSecretHash !== null;
  if (changed.length === 0 && !secret && !secretRemoved) return { application: current };

  const [application] = await tx
    .update(applications)
    .set({
      ...Object.fromEntries(changed.map((key) => [key, after[key]])),
      ...(secret ? { clientSecretHash: secret.clientSecretHash } : secretRemoved ? { clientSecretHash: null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(applications.tenantId, input.tenantId), eq(applications.id, current.id)))
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "application.updated",
    targetType: "application",
    targetId: current.id,
    data: {
      changed,
      after: auditFacts(Object.fromEntries(changed.map((key) => [key, after[key]]))),
      ...(secret ? { secretIssued: true } : {}),
      ...(secretRemoved ? { secretRemoved: true } : {}),
    },
  });
  return { application: application!, ...(secret ? { clientSecret: secret.clientSecret } : {}) };
}

/**
 * Deletes an application and its protocol state (codes, tokens, grants in `oidc_models`): every
 * token it holds stops working now. Users' consents to it go with it (foreign key cascade).
 */
export async function deleteApplication(tx: Executor, ctx: RequestContext, input: { tenantId: string; applicationId: string }) {
  const application = await lockApplication(tx, input.tenantId, input.applicationId);
  const state = await tx
    .delete(oidcModels)
    .where(and(eq(oidcModels.tenantId, input.tenantId), eq(oidcModels.clientId, application.clientId)))
    .returning({ id: oidcModels.id });
  await tx.delete(applications).where(and(eq(applications.tenantId, input.tenantId), eq(applications.id, application.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "application.deleted",
    targetType: "application",
    targetId: application.id,
    data: { name: application.name, type: application.type, clientId: application.clientId, protocolStateRemoved: state.length },
  });
}

/** Issues a new client secret; the old one stops working at once. Only for secret-based applications. */
export async function rotateApplicationSecret(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; applicationId: string },
): Promise<{ application: Application; clientSecret: string }> {
  const current = await lockApplication(tx, input.tenantId, input.applicationId);
  if (!SECRET_METHODS.has(current.tokenEndpointAuthMethod)) {
    throw new ServiceError(
      "conflict",
      current.tokenEndpointAuthMethod === "none"
        ? `A ${current.type} application is a public client: it has no secret to rotate`
        : "This application authenticates with private_key_jwt: rotate its keys (jwks) instead of a secret",
    );
  }
  const { clientSecret, clientSecretHash } = newClientSecret();
  const [application] = await tx
    .update(applications)
    .set({ clientSecretHash, updatedAt: new Date() })
    .where(and(eq(applications.tenantId, input.tenantId), eq(applications.id, current.id)))
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "application.secret_rotated",
    targetType: "application",
    targetId: current.id,
    data: { clientId: current.clientId },
  });
  return { application: application!, clientSecret };
}
