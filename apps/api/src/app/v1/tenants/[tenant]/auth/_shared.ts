import { opaqueTokenSchema, sessionListResponseSchema, type SessionListResponse } from "@plinto/contracts";
import type { z } from "zod";
import { json, problem } from "../../../../../lib/http";
import { sessionTokenFrom } from "../../../../../lib/request";
import type { Runtime } from "../../../../../lib/runtime";
import { ServiceError } from "../../../../../services/errors";
import { JWT_SHAPE, verifyApiAccessToken } from "../../../../../services/oidc/api-access-token";
import { type listSessions, resolveCredential, type SessionCredential } from "../../../../../services/sessions/sessions";
import { findTenantBySlug } from "../../../../../services/tenants/tenants";

/** What Next hands every route under `/v1/tenants/[tenant]/auth/`. */
export interface TenantRouteContext {
  params: Promise<{ tenant: string }>;
}

/**
 * A JSON answer checked against its contract schema on the way out: only the fields the contract
 * names leave the process (zod drops the rest), so a row with a hash in it can never be echoed.
 */
export function respond<S extends z.ZodType>(schema: S, body: z.input<S>, init: ResponseInit = {}): Response {
  return json(schema.parse(body), init);
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The session token a request presents: `Authorization: Bearer …` first (SDKs, native apps), else
 * the session cookie. Anything that cannot be a session token counts as none.
 */
export function presentedSessionToken(request: Request): string | undefined {
  const bearer = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
  const token = bearer ?? sessionTokenFrom(request);
  return token !== undefined && opaqueTokenSchema.safeParse(token).success ? token : undefined;
}

/** 401 with the RFC 6750 challenge, for requests that need a live session and carry none. */
export function unauthorizedResponse(): Response {
  const response = problem("unauthorized", "Sign in first: send the session token as a Bearer token or the session cookie");
  response.headers.set("www-authenticate", 'Bearer realm="plinto"');
  return response;
}

/**
 * How the caller names their session: a session token (Bearer or cookie), or an access token this
 * tenant issued for Plinto's API to one of Plinto's own sites (the account portal), whose `sid`
 * names the session. A Bearer that is neither is refused (401) rather than ignored.
 */
export async function callerCredential(
  runtime: Pick<Runtime, "database" | "config">,
  tenant: { id: string; slug: string },
  request: Request,
): Promise<SessionCredential | undefined> {
  const bearer = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer && JWT_SHAPE.test(bearer)) {
    const claims = await verifyApiAccessToken(runtime.database.db, bearer, {
      tenant,
      publicUrl: runtime.config.publicUrl,
      purpose: "this account",
    });
    return claims.sid ? { sessionId: claims.sid, userId: claims.sub } : undefined;
  }
  const token = presentedSessionToken(request);
  return token ? { sessionToken: token } : undefined;
}

/** The caller's session credential in a tenant named by slug (not_found for an unknown or suspended tenant). */
export async function signedInCaller(runtime: Pick<Runtime, "database" | "config">, tenantSlug: string, request: Request) {
  return callerCredential(runtime, await activeTenant(runtime, tenantSlug), request);
}

async function activeTenant(runtime: Pick<Runtime, "database">, tenantSlug: string) {
  const tenant = await findTenantBySlug(runtime.database.db, tenantSlug);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

/**
 * The tenant and the caller's live session in it, or undefined when the request carries no live
 * session of this tenant. An unknown or suspended tenant is not_found, as in the auth services.
 */
export async function callerSession(runtime: Pick<Runtime, "database" | "config">, tenantSlug: string, request: Request) {
  const tenant = await activeTenant(runtime, tenantSlug);
  const credential = await callerCredential(runtime, tenant, request);
  const live = credential ? await resolveCredential(runtime.database.db, tenant.id, credential) : undefined;
  return live ? { tenant, ...live } : undefined;
}

type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

export function sessionListResponse(rows: SessionRow[], currentSessionId: string): Response {
  const body: SessionListResponse = {
    sessions: rows.map((row) => ({
      id: row.id,
      current: row.id === currentSessionId,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      amr: row.amr,
      authTime: row.authTime.toISOString(),
      lastActiveAt: row.lastActiveAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    })),
  };
  return respond(sessionListResponseSchema, body);
}
