import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Db } from "@plinto/db";
import { systemContext } from "../src/services/context";
import { activeSigningKey, ensureSigningKeys } from "../src/services/keys/keys";
import { apiResource } from "../src/services/oidc/provider";

/**
 * An access token shaped as the platform tenant's provider issues it for Plinto's API (RFC 9068:
 * `typ: at+jwt`, `aud` = `{API_URL}/v1`), signed with the tenant's active key. For tests of the
 * management API's checks; `claims` and `header` override single fields to build bad tokens.
 */
export async function mintAdminToken(
  db: Db,
  input: {
    publicUrl: string;
    secret: string;
    platform: { id: string; slug: string };
    userId: string;
    clientId: string;
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    expiresInSeconds?: number;
  },
): Promise<string> {
  await db.transaction((tx) => ensureSigningKeys(tx, systemContext, { tenantId: input.platform.id, secret: input.secret }));
  const key = (await activeSigningKey(db, input.platform.id, input.secret))!;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `${input.publicUrl}/t/${input.platform.slug}`,
    aud: apiResource(input.publicUrl),
    sub: input.userId,
    iat: now,
    exp: now + (input.expiresInSeconds ?? 600),
    client_id: input.clientId,
    scope: "openid",
    jti: randomUUID(),
    ...input.claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "at+jwt", ...input.header })
    .sign(key.privateKey);
}
