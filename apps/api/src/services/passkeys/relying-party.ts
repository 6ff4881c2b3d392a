import { createHmac } from "node:crypto";
import type { Config } from "../../lib/config";
import { displayNameOf } from "../tenants/tenants";

/**
 * Who the browser's passkey is for. Every tenant's hosted pages live on the API's own public host
 * (`{publicUrl}/t/{tenant}`), so the RP ID is that host and the only expected origin is the API's
 * origin; the tenant shows in the RP name. Tenants are kept apart by the server (a credential is
 * looked up within one tenant only, and the user handle differs per tenant), not by the browser,
 * which offers one host's passkeys on every tenant's sign-in page. A tenant on its own domain would
 * need its own RP ID and origin here.
 *
 * WebAuthn refuses an IP address as RP ID: with `PLINTO_API_URL` on an IP (not `localhost` or a
 * name) passkeys do not work in browsers.
 */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyFor(
  config: Pick<Config, "publicUrl">,
  tenant: { name: string; settings: { branding?: { displayName?: string } } },
): RelyingParty {
  const url = new URL(config.publicUrl);
  return { id: url.hostname, origin: url.origin, name: displayNameOf(tenant) };
}

/** The RP ID and origin alone, for checking an answer (the name matters only in options). */
export function expectedOriginFor(config: Pick<Config, "publicUrl">): { id: string; origin: string } {
  const url = new URL(config.publicUrl);
  return { id: url.hostname, origin: url.origin };
}

/**
 * The origins a passkey may be *added* from: the API's own (the hosted pages), and Plinto's account
 * portal, which adds passkeys for its signed-in user from its own pages. The RP ID stays the API's
 * host, so the portal counts only where a browser lets it claim that RP ID at all: on the same
 * host (another port, as on `localhost`) or on a subdomain of it. A portal elsewhere is left out
 * rather than accepted for a credential its browser would never make. Signing in with a passkey
 * still happens on the hosted pages only, so its check keeps the API's origin alone.
 */
export function registrationOriginsFor(config: Pick<Config, "publicUrl"> & Partial<Pick<Config, "accountPortalUrl">>): { id: string; origins: string[] } {
  const { id, origin } = expectedOriginFor(config);
  const origins = [origin];
  if (config.accountPortalUrl) {
    const portal = new URL(config.accountPortalUrl);
    const claimsRpId = portal.hostname === id || portal.hostname.endsWith(`.${id}`);
    if (claimsRpId && !origins.includes(portal.origin)) origins.push(portal.origin);
  }
  return { id, origins };
}

/**
 * The WebAuthn user handle (`user.id`) of a user: 32 bytes, HMAC-SHA-256 of the tenant and user ids
 * keyed with the master secret (the message names its purpose, so it is no other HMAC's). Random-looking and stable per user without a column
 * for it; it says nothing about the user (not the id, not the email), and differs between tenants.
 * Changing the master secret changes every handle: passkeys made before then stop signing in (the
 * authenticator returns the old handle), as sealed signing keys and TOTP seeds stop opening.
 */
export function userHandleFor(secret: string, tenantId: string, userId: string): Uint8Array<ArrayBuffer> {
  const digest = createHmac("sha256", secret).update(`plinto:webauthn-user-handle:v1\u0000${tenantId}\u0000${userId}`).digest();
  return new Uint8Array(digest);
}

export function userHandleBase64url(secret: string, tenantId: string, userId: string): string {
  return Buffer.from(userHandleFor(secret, tenantId, userId)).toString("base64url");
}
