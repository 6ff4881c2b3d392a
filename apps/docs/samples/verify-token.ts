/** Protect your own API: verify Plinto-issued access tokens with @plinto/sdk/server. */
// #region verify
import { bearerToken, createTokenVerifier, JwksUnavailableError, TokenExpiredError, TokenInvalidError } from "@plinto/sdk/server";

// Once, at start-up: the verifier caches the tenant's signing keys (JWKS).
const verifier = createTokenVerifier({
  issuer: "http://localhost:4000/t/demo",
  audience: "https://api.example.com", // your API's identifier: tokens for anyone else are refused
});

export async function handler(request: Request): Promise<Response> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) return new Response(null, { status: 401, headers: { "www-authenticate": "Bearer" } });
  try {
    const { claims, scopes } = await verifier.verifyAccessToken(token, { requiredScopes: ["invoices:read"] });
    return Response.json({ user: claims.sub, scopes });
  } catch (error) {
    if (error instanceof JwksUnavailableError) return new Response(null, { status: 503 });
    if (error instanceof TokenExpiredError) return new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
    if (error instanceof TokenInvalidError) return new Response(null, { status: error.reason === "insufficient_scope" ? 403 : 401 });
    throw error;
  }
}
// #endregion verify
