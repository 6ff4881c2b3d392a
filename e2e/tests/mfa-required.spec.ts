import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import * as oidc from "openid-client";
import { siteUrl } from "@plinto/next-config/sites";
import { applicationServer } from "../support/application";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { freshEmail, PASSPHRASE, waitForMail } from "../support/mail";
import { stepNow, totp } from "../support/totp";

// A tenant that requires a second factor, made the way an operator would: the platform tenant's key
// creates it with a first key of its own, which sets the policy, registers an application and a
// user. Then, in Chromium, an OpenID sign-in of that user through openid-client: no code reaches
// the application until an authenticator app is set up; the tokens then say 2fa. After a password
// reset, the next sign-in still asks for the second factor before any code.

const api = siteUrl("api", e2eEnv);

interface Credentials {
  apiKeys: { plinto: { secret: string } };
}
const credentials = (): Credentials => JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8"));

async function managementCall(page: Page, key: string, method: "POST" | "PATCH", path: string, data: unknown) {
  const response = await page.request.fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${key}` }, data });
  expect(response.status(), `${method} ${path}`).toBeLessThan(300);
  return response.json();
}

test("a tenant that requires a second factor: enrolment before any token, and a reset password still meets the factor", async ({ page }) => {
  const slug = `strict-${Date.now().toString(36)}`;
  const tenant = `${api}/t/${slug}`;
  const created = (await managementCall(page, credentials().apiKeys.plinto.secret, "POST", "/v1/tenants", {
    slug,
    name: "Strict Co",
    initialApiKey: { name: "e2e setup", scopes: ["settings:write", "applications:write", "users:write"], expiresInDays: 1 },
  })) as { apiKey: { secret: string } };
  const key = created.apiKey.secret;
  await managementCall(page, key, "PATCH", "/v1/settings", { mfaPolicy: { mode: "required", gracePeriodDays: 0 } });
  const app = await applicationServer();
  try {
    const { application, clientSecret } = (await managementCall(page, key, "POST", "/v1/applications", {
      name: "Strict app",
      type: "web",
      redirectUris: [app.redirectUri],
      grantTypes: ["authorization_code"],
    })) as { application: { clientId: string }; clientSecret: string };
    const email = freshEmail("strict");
    await managementCall(page, key, "POST", "/v1/users", { email, password: PASSPHRASE, emailVerified: true });

    const config = await oidc.discovery(new URL(tenant), application.clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });
    async function authorize() {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: app.redirectUri,
        scope: "openid email",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
      });
      await page.goto(url.href);
      return { verifier, state };
    }
    async function tokensFrom(flow: { verifier: string; state: string }, last: () => Promise<unknown>) {
      const callback = await app.next(last);
      const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
      return tokens.claims()!;
    }
    async function signIn(password: string) {
      await expect(page).toHaveTitle("Sign in · Strict Co");
      await page.getByLabel("Email address", { exact: true }).first().fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
    }

    // 1. The password is right, but there is no second factor yet: set one up first.
    const first = await authorize();
    await signIn(PASSPHRASE);
    await expect(page).toHaveURL(`${tenant}/mfa/enrol`);
    expect(app.caught).toHaveLength(0);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
    const enrolledAt = stepNow();
    await page.getByLabel("6-digit code", { exact: true }).fill(totp(secret, enrolledAt));
    await page.getByRole("button", { name: "Turn on two-step verification" }).click();
    await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
    expect(app.caught).toHaveLength(0);
    const claims = await tokensFrom(first, () => page.getByRole("link", { name: "I've saved my codes, continue" }).click());
    expect(claims.acr).toBe("urn:plinto:acr:2fa");
    expect(claims.amr).toEqual(["pwd", "otp", "mfa"]);

    // 2. Forgotten password: the reset works, and the next sign-in still asks for the code.
    await page.context().clearCookies();
    await page.goto(`${tenant}/forgot-password`);
    await page.getByLabel("Email address", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    const mail = await waitForMail(page.request, email, "reset-password", slug);
    const link = new RegExp(`(https?://\\S+/t/${slug}/reset-password\\?token=[A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
    expect(link).toBeTruthy();
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, api));
    const newPassword = "a new passphrase after losing the old one";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(`${tenant}/sign-in?notice=password-reset`);

    const callbacksSoFar = app.caught.length;
    const second = await authorize();
    await signIn(newPassword);
    await expect(page).toHaveURL(`${tenant}/mfa`);
    expect(app.caught).toHaveLength(callbacksSoFar);
    await page.getByLabel("6-digit code", { exact: true }).fill(totp(secret, Math.max(enrolledAt + 1, stepNow())));
    const again = await tokensFrom(second, () => page.getByRole("button", { name: "Verify", exact: true }).click());
    expect(again.acr).toBe("urn:plinto:acr:2fa");
    expect(again.amr).toEqual(["pwd", "otp", "mfa"]);
  } finally {
    await app.close();
  }
});
