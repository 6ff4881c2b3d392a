/**
 * `@plinto/sdk/browser`: sign users in from a single-page app (authorization code + PKCE against
 * the tenant's OpenID Provider), keep their tokens fresh, and sign them out.
 */
export {
  createPlintoAuth,
  type PlintoAuth,
  type PlintoAuthOptions,
  type SignInOptions,
  type SignInResult,
  type SignOutOptions,
} from "./auth/browser-auth";
export { PlintoAuthError, type PlintoAuthErrorCode } from "./auth/errors";
export {
  memoryStorage,
  memoryTokenStore,
  sessionStorageTokenStore,
  webStorageTokenStore,
  type KeyValueStorage,
  type StoredTokens,
  type TokenStore,
} from "./auth/storage";
export type { IdTokenClaims } from "./tokens/verify";
export { JwksUnavailableError, TokenExpiredError, TokenInvalidError, type TokenInvalidReason } from "./tokens/errors";
