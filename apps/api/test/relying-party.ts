import * as oidc from "openid-client";
import { expect } from "vitest";
import { SESSION_COOKIE } from "../src/lib/request";
import { systemContext } from "../src/services/context";
import { createSession } from "../src/services/sessions/sessions";
import { TestBrowser } from "./browser";
import type { startOidcServer } from "./oidc-server";

/**
 * A relying party's side of the tenant's provider for protocol tests: discovery, the front
 * channel of code + PKCE in a test browser, and the code exchange, all with openid-client.
 */
type OidcServer = Awaited<ReturnType<typeof startOidcServer>>;

export const CALLBACK = "https://rp.example.com/callback";

/** A browser signed in to the tenant (the cookie the hosted sign-in page would have set). */
export async function signedInBrowser(server: OidcServer, tenant: { id: string; slug: string }, user: { id: string }) {
  const { db } = server.database;
  const { token, session } = await db.transaction((tx) => createSession(tx, systemContext, { tenantId: tenant.id, userId: user.id, amr: ["pwd"] }));
  const browser = new TestBrowser(server.url);
  browser.setCookie(SESSION_COOKIE, token, `/t/${tenant.slug}`);
  return { browser, sessionToken: token, session };
}

export async function discover(server: OidcServer, slug: string, app: { clientId: string; clientSecret?: string }) {
  const auth = app.clientSecret ? oidc.ClientSecretBasic(app.clientSecret) : oidc.None();
  return oidc.discovery(new URL(server.issuer(slug)), app.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

/** Runs code + PKCE in `browser` through to the redirect URI, and exchanges the code for tokens. */
export async function signInWithCode(browser: TestBrowser, config: oidc.Configuration, params: Record<string, string>) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    ...params,
  });
  const { left } = await browser.navigate(url);
  expect(left && left.origin + left.pathname, "the browser arrives at the redirect URI").toBe(CALLBACK);
  expect(left!.searchParams.get("error")).toBeNull();
  return oidc.authorizationCodeGrant(config, left!, { pkceCodeVerifier: verifier, expectedState: state });
}
