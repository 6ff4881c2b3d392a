/**
 * `@plinto/sdk/server`: verify Plinto-issued tokens on your server (JWKS fetched from the
 * issuer's discovery, cached, refetched on an unknown key with a cooldown).
 */
export {
  ALLOWED_ALGORITHMS,
  bearerToken,
  createTokenVerifier,
  verifyToken,
  type AccessTokenClaims,
  type IdTokenClaims,
  type SigningAlgorithm,
  type TokenVerifier,
  type TokenVerifierOptions,
  type VerifiedAccessToken,
  type VerifiedIdToken,
  type VerifyAccessTokenOptions,
  type VerifyIdTokenOptions,
  type VerifyTokenOptions,
} from "./tokens/verify";
export { JwksUnavailableError, TokenExpiredError, TokenInvalidError, type TokenInvalidReason } from "./tokens/errors";
