import { verifyToken, type VerifiedAccessToken, type VerifiedIdToken } from "@plinto/sdk";

/**
 * Verify the ID token: the SDK reads `jwks_uri` from the issuer's discovery document, caches the
 * tenant's keys (jose, shared per issuer), and checks the signature (RS256, ES256 or EdDSA only),
 * `iss`, `aud` (this application), `azp`, `exp`/`iat`, and that it is not an access token.
 */
export function verifyIdToken(idToken: string, issuer: string, clientId: string): Promise<VerifiedIdToken> {
  return verifyToken(idToken, { kind: "id", issuer, audience: clientId });
}

/**
 * Verify the access token the way the API it is for does: an RFC 9068 JWT (`typ: at+jwt`) whose
 * `aud` is that API's resource indicator, here Plinto's own API (`{API}/v1`).
 */
export function verifyAccessToken(accessToken: string, issuer: string, apiResource: string): Promise<VerifiedAccessToken> {
  return verifyToken(accessToken, { issuer, audience: apiResource });
}
