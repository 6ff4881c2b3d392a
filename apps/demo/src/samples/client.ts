import { createPlintoAuth, type KeyValueStorage, type PlintoAuth, type StoredTokens } from "@plinto/sdk";

/** Where your server keeps one visitor's sign-in state: here, the demo's encrypted session cookie. */
export interface ServerSession {
  storage: Record<string, string>;
  tokens?: StoredTokens;
}

/**
 * One sign-in client per request, over that request's session. The demo is a confidential web
 * application: its server holds the client secret and the tokens; the browser only holds a cookie.
 */
export function plintoAuthFor(
  session: ServerSession,
  app: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; apiResource: string },
): PlintoAuth {
  // The pending sign-in (PKCE verifier, state, nonce) waits in the session until the callback.
  const storage: KeyValueStorage = {
    getItem: (key) => session.storage[key] ?? null,
    setItem: (key, value) => void (session.storage[key] = value),
    removeItem: (key) => void delete session.storage[key],
  };
  return createPlintoAuth({
    issuer: app.issuer, // e.g. http://localhost:4000/t/demo
    clientId: app.clientId,
    clientSecret: app.clientSecret, // only ever on a server
    redirectUri: app.redirectUri, // registered on the application, byte for byte
    scope: "openid profile email offline_access organizations",
    resource: app.apiResource, // access tokens for Plinto's API are JWTs (at+jwt)
    storage,
    tokenStore: {
      get: () => session.tokens,
      set: (tokens) => void (session.tokens = tokens),
      clear: () => void delete session.tokens,
    },
  });
}
