/**
 * Getting started: register an application with the management API, then sign a user in to it
 * with openid-client (authorization code + PKCE) against the tenant's OpenID Provider.
 * The docs include the regions below; the browser tests run this file against a started Plinto.
 */
// #region register
import { PlintoClient } from "@plinto/sdk";

export async function registerApplication(options: { apiUrl: string; apiKey: string; redirectUri: string }) {
  // The demo tenant's API key is `apiKeys.demo.secret` in .plinto/dev-credentials.json.
  const plinto = new PlintoClient({ baseUrl: options.apiUrl, apiKey: options.apiKey });
  const { application, clientSecret } = await plinto.applications.create({
    name: "My first app",
    type: "web", // a confidential server-side application
    redirectUris: [options.redirectUri],
    grantTypes: ["authorization_code", "refresh_token"],
  });
  // The secret is in this answer only: store it now (e.g. in your app's environment).
  return { clientId: application.clientId, clientSecret: clientSecret! };
}
// #endregion register

// #region sign-in
import * as oidc from "openid-client";

export async function startSignIn(options: { issuer: string; clientId: string; clientSecret: string; redirectUri: string }) {
  const config = await oidc.discovery(new URL(options.issuer), options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), {
    // Plain http is for a Plinto on your own machine only; production issuers are https.
    execute: options.issuer.startsWith("http://") ? [oidc.allowInsecureRequests] : [],
  });
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: "openid profile email offline_access",
    // A refresh token (offline_access) is issued only with prompt=consent (OpenID Connect Core §11);
    // a first-party application skips the consent page, so the user sees nothing more.
    prompt: "consent",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
  });
  // Keep codeVerifier and state with the user's session (e.g. an encrypted cookie) and send the browser to url.
  return { config, url, codeVerifier, state };
}

export async function finishSignIn(
  pending: { config: oidc.Configuration; codeVerifier: string; state: string },
  callbackUrl: URL, // the full URL the browser came back to, with ?code=…&state=…&iss=…
) {
  const tokens = await oidc.authorizationCodeGrant(pending.config, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
  });
  const claims = tokens.claims()!; // the verified ID token: sub, email, amr, acr …
  const profile = await oidc.fetchUserInfo(pending.config, tokens.access_token, claims.sub);
  return { claims, profile, refreshToken: tokens.refresh_token };
}
// #endregion sign-in
