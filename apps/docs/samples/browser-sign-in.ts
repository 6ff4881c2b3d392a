/** A single-page app signs its users in with @plinto/sdk/browser (code + PKCE, tokens kept fresh). */
// #region setup
import { createPlintoAuth, PlintoAuthError } from "@plinto/sdk/browser";

const auth = createPlintoAuth({
  issuer: "http://localhost:4000/t/demo",
  clientId: "demo-spa", // a public application (type "spa") of the tenant
  redirectUri: "http://localhost:3004/callback",
  resource: "http://localhost:4000/v1", // optional: a JWT access token for this API
});
// #endregion setup

// #region flow
export async function onSignInClick() {
  await auth.signInRedirect(); // off to the tenant's hosted sign-in page
}

// On the page at redirectUri:
export async function onCallback() {
  try {
    await auth.handleRedirectCallback(); // checks state, iss and the ID token, then stores the tokens
  } catch (error) {
    if (error instanceof PlintoAuthError) console.warn("sign-in did not finish:", error.code);
    throw error;
  }
  const user = await auth.getUser(); // the ID token's claims
  const accessToken = await auth.getAccessToken(); // refreshed when it is about to expire
  return { email: user?.email, accessToken };
}

export async function onSignOutClick() {
  await auth.signOutRedirect(); // RP-initiated logout at the provider
}
// #endregion flow
