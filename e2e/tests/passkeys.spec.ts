import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type CDPSession, type Page } from "@playwright/test";
import * as oidc from "openid-client";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { codeIn, freshEmail, PASSPHRASE, waitForMail } from "../support/mail";

// Passkeys on the demo tenant's hosted pages, in Chromium with a CDP virtual authenticator (CTAP2,
// platform, resident keys, user verification): a new account adds a passkey on the signed-in page,
// signs out and signs in with the passkey alone; renames and removes it; an application's OpenID
// sign-in completes with it; and assertions the browser really made are refused when replayed or
// made on another origin. Every test fails on a console error.

const api = siteUrl("api", e2eEnv);
const tenant = `${api}/t/demo`;
const SESSION_COOKIE = "plinto_session";

/** A platform authenticator in this tab that verifies the user and answers at once. */
async function virtualAuthenticator(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

/**
 * Chromium's virtual authenticators answer autofill (conditional) requests at once, as if the
 * person had picked the passkey under the email field, so a sign-in page would sign in before its
 * button could be pressed. This makes the page's browser one without autofill for passkeys.
 */
async function withoutPasskeyAutofill(page: Page) {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}

async function sessionCookie(page: Page) {
  return (await page.context().cookies(tenant)).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** Signs a new account up, confirms it with the mailed code, and signs in with the password. */
async function newAccountSignedIn(page: Page) {
  const email = freshEmail("passkey");
  await page.goto(`${tenant}/sign-up`);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${tenant}/verify?sent=1`);
  const code = codeIn(await waitForMail(page.request, email, "verify-email"));
  await page.getByLabel("6-digit code", { exact: true }).fill(code!);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page).toHaveURL(`${tenant}/sign-in?notice=email-verified`);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${tenant}/signed-in`);
  return email;
}

/** Adds a passkey named `name` on the signed-in page. */
async function addPasskey(page: Page, name: string) {
  const section = page.getByRole("region", { name: "Passkeys" });
  await expect(section.getByText("You have no passkeys yet.")).toBeVisible();
  await section.getByLabel("Name for a new passkey").fill(name);
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toHaveText(`Passkey "${name}" added. You can now sign in with it.`);
  const listed = section.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(name);
  await expect(listed).toContainText("Not used yet");
  return section;
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${tenant}/sign-in?notice=signed-out`);
  expect(await sessionCookie(page)).toBeUndefined();
}

/** The session a cookie token names, as the API lists it. */
async function currentSession(page: Page) {
  const token = (await sessionCookie(page))!.value;
  const response = await page.request.get(`${api}/v1/tenants/demo/auth/sessions`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  const { sessions } = (await response.json()) as { sessions: Array<{ current: boolean; amr: string[] }> };
  return sessions.find((s) => s.current)!;
}

interface AssertionJSON {
  id: string;
  rawId: string;
  type: string;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  clientExtensionResults: Record<string, unknown>;
}

/** Fresh sign-in options from the API (a new challenge). */
async function signInOptions(page: Page) {
  const response = await page.request.post(`${api}/v1/tenants/demo/auth/passkeys/authentication/options`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { challenge: string; rpId: string; timeout: number; userVerification: UserVerificationRequirement };
}

/** `navigator.credentials.get()` in the page's own origin, the answer in the WebAuthn JSON form. */
async function assertionIn(page: Page, options: Awaited<ReturnType<typeof signInOptions>>): Promise<AssertionJSON> {
  return page.evaluate(async (opts) => {
    const fromB64 = (s: string) => {
      const b = s.replace(/-/g, "+").replace(/_/g, "/");
      return Uint8Array.from(atob(b + "=".repeat((4 - (b.length % 4)) % 4)), (c) => c.charCodeAt(0));
    };
    const toB64 = (buffer: ArrayBuffer) =>
      btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
    const credential = (await navigator.credentials.get({
      publicKey: { challenge: fromB64(opts.challenge), rpId: opts.rpId, userVerification: opts.userVerification, timeout: opts.timeout },
    })) as PublicKeyCredential;
    const response = credential.response as AuthenticatorAssertionResponse;
    return {
      id: credential.id,
      rawId: toB64(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toB64(response.clientDataJSON),
        authenticatorData: toB64(response.authenticatorData),
        signature: toB64(response.signature),
        ...(response.userHandle ? { userHandle: toB64(response.userHandle) } : {}),
      },
      clientExtensionResults: {},
    };
  }, options);
}

async function postAssertion(page: Page, credential: AssertionJSON) {
  return page.request.post(`${api}/v1/tenants/demo/auth/passkeys/authentication`, { data: { credential } });
}

test.describe("passkeys", () => {
  test("add a passkey on the signed-in page, sign out, sign in with the passkey alone, rename and remove it", async ({ page }) => {
    await withoutPasskeyAutofill(page);
    const authenticator = await virtualAuthenticator(page);
    const email = await newAccountSignedIn(page);
    const section = await addPasskey(page, "Test laptop");
    // The account's first second factor: recovery codes, shown this once, focus on them.
    const codes = section.getByRole("group", { name: "Save your recovery codes" });
    await expect(codes.getByRole("heading", { name: "Save your recovery codes" })).toBeFocused();
    await expect(codes.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

    // The browser holds a discoverable credential for the API's host; the address was told.
    const held = await authenticator.credentials();
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ isResidentCredential: true, rpId: new URL(api).hostname });
    expect((await waitForMail(page.request, email, "passkey-added")).text).toContain('"Test laptop"');

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`)).toEqual([]);
    await codes.getByRole("button", { name: "I've saved my codes" }).click();
    await expect(codes).toHaveCount(0);

    // Signed out, on the sign-in page: the button opens the passkey prompt. (The email field offers
    // passkeys too, as autofill; the OpenID test below signs in that way.)
    await signOut(page);
    await expect(page.getByLabel("Email address", { exact: true }).first()).toHaveAttribute("autocomplete", "username webauthn");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await expect(page.getByTestId("signed-in-email")).toHaveText(email);
    expect((await currentSession(page)).amr).toEqual(["hwk", "user", "mfa"]);
    await expect(page.getByRole("region", { name: "Passkeys" }).getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).not.toContainText(
      "Not used yet",
    );

    // Rename from the keyboard: the field takes focus, Enter saves, focus returns to the button.
    const passkeys = page.getByRole("region", { name: "Passkeys" });
    await passkeys.getByRole("button", { name: "Rename Test laptop" }).click();
    const nameField = passkeys.getByLabel('New name for "Test laptop"');
    await expect(nameField).toBeFocused();
    await nameField.fill("Work laptop");
    await nameField.press("Enter");
    await expect(passkeys.getByRole("status")).toHaveText('Passkey renamed to "Work laptop".');
    await expect(passkeys.getByRole("button", { name: "Rename Work laptop" })).toBeFocused();

    // Remove (the passkey sign-in just now is recent enough), with a confirmation step.
    await passkeys.getByRole("button", { name: "Remove Work laptop" }).click();
    await passkeys.getByRole("button", { name: "Remove passkey" }).click();
    await expect(passkeys.getByRole("status")).toContainText('Passkey "Work laptop" removed.');
    await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();
    expect((await waitForMail(page.request, email, "passkey-removed")).text).toContain('"Work laptop"');

    // The authenticator still holds the credential, but it signs in no more.
    await signOut(page);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("That passkey was not accepted. Try again, or sign in another way");
    await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeEnabled();
    await expect(page).toHaveURL(`${tenant}/sign-in?notice=signed-out`);
    expect(await sessionCookie(page)).toBeUndefined();
  });

  test("a password session steps up with the account's passkey on the two-step page", async ({ page }) => {
    await withoutPasskeyAutofill(page);
    await virtualAuthenticator(page);
    await newAccountSignedIn(page);
    await addPasskey(page, "Desk key");
    expect(await currentSession(page)).toMatchObject({ amr: ["pwd"] });
    const before = (await sessionCookie(page))!.value;

    await page.goto(`${tenant}/mfa`);
    await expect(page.getByText("Confirm it's you to continue with Demo.")).toBeVisible();
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    // The same session, raised, under a new token: the old one signs in no more.
    expect(await currentSession(page)).toMatchObject({ amr: ["pwd", "hwk", "user", "mfa"] });
    expect((await sessionCookie(page))!.value).not.toBe(before);
    const stale = await page.request.get(`${api}/v1/tenants/demo/auth/sessions`, { headers: { authorization: `Bearer ${before}` } });
    expect(stale.status()).toBe(401);
  });

  test("an application's OpenID sign-in completes with a passkey from autofill: back to the application with amr hwk and acr 2fa", async ({ page }) => {
    await virtualAuthenticator(page);
    await newAccountSignedIn(page);
    await addPasskey(page, "Phone");
    // Signed out in this browser (the cookie gone), the passkey still on the authenticator.
    await page.context().clearCookies();

    const caught: URL[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      if (url.pathname === "/callback") caught.push(url);
      res.setHeader("content-type", "text/html");
      res.end("<!doctype html><title>App</title><p>Back at the application.</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
      const { apiKeys } = JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8")) as { apiKeys: { demo: { secret: string } } };
      const created = await page.request.post(`${api}/v1/applications`, {
        headers: { authorization: `Bearer ${apiKeys.demo.secret}` },
        data: { name: "Passkey App", type: "web", redirectUris: [redirectUri], grantTypes: ["authorization_code"] },
      });
      expect(created.status()).toBe(201);
      const { application, clientSecret } = (await created.json()) as { application: { clientId: string }; clientSecret: string };
      const config = await oidc.discovery(new URL(tenant), application.clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        execute: [oidc.allowInsecureRequests],
      });
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const authorizationUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid email",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        // A second factor asked for: a user-verified passkey is one on its own, so no extra step.
        acr_values: "urn:plinto:acr:2fa",
      });

      // The hosted sign-in page opens for the application, and its autofill request is answered
      // by the authenticator (a person would pick the passkey under the email field): no button,
      // no password, and straight back to the application.
      const actions: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST" && request.headers()["next-action"]) actions.push(new URL(request.url()).pathname);
      });
      await page.goto(authorizationUrl.href, { waitUntil: "commit" });
      await expect.poll(() => caught.length, { message: "the provider's redirect to the application" }).toBe(1);
      await page.waitForURL((url) => url.pathname === "/callback");
      expect(caught[0]!.searchParams.get("code")).toBeTruthy();
      // One passkey sign-in (its options, its answer), not a second one when the page refreshes.
      expect(actions).toEqual(["/t/demo/sign-in", "/t/demo/sign-in"]);

      const tokens = await oidc.authorizationCodeGrant(config, caught[0]!, { pkceCodeVerifier: verifier, expectedState: state });
      const claims = tokens.claims()!;
      expect(claims.amr).toEqual(["hwk", "user", "mfa"]);
      expect(claims.acr).toBe("urn:plinto:acr:2fa");

      // Once the passkey is removed, autofill tries it once, says so, and leaves it (no loop).
      await page.goto(`${tenant}/signed-in`);
      const passkeys = page.getByRole("region", { name: "Passkeys" });
      await passkeys.getByRole("button", { name: "Remove Phone" }).click();
      await passkeys.getByRole("button", { name: "Remove passkey" }).click();
      await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();
      await page.context().clearCookies();
      actions.length = 0;
      await page.goto(`${tenant}/sign-in`);
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("That passkey was not accepted. Try again, or sign in another way");
      await page.waitForTimeout(1500);
      expect(actions).toHaveLength(2); // the options, and the one refused answer
      expect(await sessionCookie(page)).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("an assertion the browser made is refused when replayed, and when made on another origin of the same host", async ({ page }) => {
    await virtualAuthenticator(page);
    await newAccountSignedIn(page);
    await addPasskey(page, "Key");

    // On the API's own origin: the first use signs in, the same answer again is refused.
    await page.goto(`${tenant}/forgot-password`);
    const answer = await assertionIn(page, await signInOptions(page));
    const first = await postAssertion(page, answer);
    expect(first.status()).toBe(200);
    expect(((await first.json()) as { session: { amr: string[] } }).session.amr).toEqual(["hwk", "user", "mfa"]);
    const replay = await postAssertion(page, answer);
    expect(replay.status()).toBe(401);
    expect(replay.headers()["set-cookie"]).toBeUndefined();
    expect(await replay.json()).toMatchObject({ code: "invalid_passkey", status: 401 });

    // Another site on the same host (here, another port of localhost) may ask for an assertion for
    // this RP ID, and the browser gives it: with its own origin in it, which the API refuses.
    const elsewhere = createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end("<!doctype html><title>Elsewhere</title><p>Another site.</p>");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    try {
      const origin = `http://localhost:${(elsewhere.address() as AddressInfo).port}`;
      await page.goto(`${origin}/`);
      const phished = await assertionIn(page, await signInOptions(page));
      expect(JSON.parse(Buffer.from(phished.response.clientDataJSON, "base64url").toString("utf8"))).toMatchObject({ origin });
      const refused = await postAssertion(page, phished);
      expect(refused.status()).toBe(401);
      expect(await refused.json()).toMatchObject({ code: "invalid_passkey" });
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });
});
