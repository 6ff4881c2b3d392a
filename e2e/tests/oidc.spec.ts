import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import * as oidc from "openid-client";
import { siteUrl } from "@plinto/next-config/sites";
import { applicationServer } from "../support/application";
import { e2eEnv } from "../support/env";

// An application of the demo tenant signs a user in with openid-client (an OpenID-certified
// relying party): code + PKCE, the user signing in on the hosted page and, for a third-party
// application, answering the hosted consent page, in Chromium; then the ID token, userinfo and a
// refresh. The application's redirect URI is caught in the browser, as its own server would be.

const api = siteUrl("api", e2eEnv);
const issuer = `${api}/t/demo`;

interface Credentials {
  demoUser: { email: string; password: string };
  apiKeys: { demo: { secret: string } };
}
const credentials = (): Credentials => JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8"));

/** A third-party application registered through the management API with the demo API key. */
async function registerPartner(page: Page, redirectUri: string) {
  const response = await page.request.post(`${api}/v1/applications`, {
    headers: { authorization: `Bearer ${credentials().apiKeys.demo.secret}` },
    data: {
      name: "Partner Calendar",
      type: "web",
      firstParty: false,
      redirectUris: [redirectUri],
      grantTypes: ["authorization_code", "refresh_token"],
    },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { application: { clientId: string }; clientSecret: string };
  expect(body.clientSecret).toMatch(/^plinto_cs_/);
  return body;
}

test("a third-party application signs the demo user in: hosted sign-in, consent once, tokens, userinfo, refresh", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  const partner = await applicationServer();
  test.info().annotations.push({ type: "redirect_uri", description: partner.redirectUri });
  const { application, clientSecret } = await registerPartner(page, partner.redirectUri);
  const config = await oidc.discovery(new URL(issuer), application.clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });
  const { email, password } = credentials().demoUser;

  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: partner.redirectUri,
    scope: "openid profile email offline_access",
    prompt: "consent",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    login_hint: email,
  });

  const callback = await partner.next(async () => {
    await page.goto(authorizationUrl.href);
    // The hosted sign-in page names the application and takes the suggested address.
    await expect(page).toHaveURL(/\/t\/demo\/sign-in\?interaction=/);
    await expect(page.getByRole("main")).toContainText("Continue to Partner Calendar");
    await expect(page.getByLabel("Email address", { exact: true }).first()).toHaveValue(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    // The consent page: who asks, for what.
    await expect(page).toHaveURL(/\/t\/demo\/consent\?interaction=/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Allow Partner Calendar?");
    await expect(page.getByTestId("consent-scopes")).toContainText("See your email address");
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.getByRole("button", { name: "Allow", exact: true }).click();
  });
  expect(callback.searchParams.get("iss")).toBe(issuer);

  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  const claims = tokens.claims()!;
  expect(claims.iss).toBe(issuer);
  expect(claims.amr).toEqual(["pwd"]);
  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  expect(info.email).toBe(email);
  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

  // Asked once: the same request again goes straight back to the application.
  const again = await partner.next(() =>
    page.goto(
      oidc.buildAuthorizationUrl(config, {
        redirect_uri: partner.redirectUri,
        scope: "openid email",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
        state: "second",
      }).href,
    ),
  );
  expect(Object.fromEntries(again.searchParams)).toEqual(expect.objectContaining({ code: expect.any(String) }));
  expect(problems).toEqual([]);
  await partner.close();
});

test("a redirect URI the application did not register gets an error page, never a redirect", async ({ page }) => {
  const { application } = await registerPartner(page, "https://partner.example.test/callback");
  const response = await page.goto(
    `${issuer}/authorize?${new URLSearchParams({
      client_id: application.clientId,
      response_type: "code",
      scope: "openid",
      redirect_uri: "https://partner.example.test/callback/../evil",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    })}`,
  );
  expect(response?.status()).toBe(400);
  expect(new URL(page.url()).origin).toBe(new URL(api).origin);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in could not continue");
});
