import { createLocalJWKSet, jwtVerify } from "jose";
import type { Executor } from "@plinto/db";
import { findApplicationByClientId } from "../applications/applications";
import { ServiceError } from "../errors";
import { SIGNING_ALGORITHMS, publishedKeys } from "../keys/keys";
import { apiResource } from "./provider";

/** What Plinto's API reads from one of its own access tokens. */
export interface ApiAccessTokenClaims {
  sub: string;
  clientId: string;
  /** The tenant session the token came from (absent from client-credentials tokens). */
  sid?: string;
}

/**
 * Checks an access token a tenant issued for Plinto's own API (RFC 9068 at+jwt for the
 * `{publicUrl}/v1` resource) and returns its subject. Only Plinto's first-party sites may act for a
 * user on this API: a third-party application a user allowed some scopes must not reach their
 * account or an admin's powers through it. Any failure is 401 with one message.
 */
export async function verifyApiAccessToken(
  db: Executor,
  token: string,
  input: { tenant: { id: string; slug: string }; publicUrl: string; now?: Date | undefined; purpose: string },
): Promise<ApiAccessTokenClaims> {
  const refused = () => new ServiceError("unauthorized", `This access token is not valid for ${input.purpose}`);
  const keys = createLocalJWKSet({ keys: await publishedKeys(db, input.tenant.id, input.now) });
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: `${input.publicUrl}/t/${input.tenant.slug}`,
      audience: apiResource(input.publicUrl),
      typ: "at+jwt",
      algorithms: [...SIGNING_ALGORITHMS],
      requiredClaims: ["sub", "client_id", "exp"],
      ...(input.now ? { currentDate: input.now } : {}),
    }));
  } catch {
    throw refused();
  }
  const clientId = String(payload.client_id);
  const application = await findApplicationByClientId(db, input.tenant.id, clientId);
  if (!application?.firstParty || payload.sub === clientId) {
    throw new ServiceError("unauthorized", `This access token was not issued to a person through a Plinto site, so it is not valid for ${input.purpose}`);
  }
  return { sub: String(payload.sub), clientId, ...(typeof payload.sid === "string" ? { sid: payload.sid } : {}) };
}

/** A compact JWS (three base64url parts): what tells an access token from an opaque session token. */
export const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
