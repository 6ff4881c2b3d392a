import type { PlintoAuth, SignInOptions } from "@plinto/sdk";

// #region start
/**
 * Step 1: the authorization URL. The SDK makes a PKCE verifier and its S256 challenge, a state and
 * a nonce, and keeps them in the session until the provider sends the browser back.
 */
export async function startSignIn(auth: PlintoAuth, options: SignInOptions = {}): Promise<URL> {
  return auth.createSignInUrl(options); // then redirect the browser there
}
// #endregion

// #region finish
/**
 * Step 2, at the redirect URI: the SDK checks the state and the issuer (RFC 9207), exchanges the
 * code with the PKCE verifier and the client secret, and verifies the ID token against the
 * tenant's JWKS (signature, iss, aud, nonce) before it keeps anything.
 */
export async function finishSignIn(auth: PlintoAuth, callbackUrl: string) {
  const { claims, appState } = await auth.handleRedirectCallback(callbackUrl);
  return { user: claims.sub, appState };
}
// #endregion
