import { expect, type CDPSession, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "./env";
import { codeIn, PASSPHRASE, waitForMail } from "./mail";

export const portalUrl = siteUrl("app", e2eEnv);
export const apiUrl = siteUrl("api", e2eEnv);
/** The tenant the portal signs in through (the platform tenant, as `npm start` sets it up). */
export const portalTenant = "plinto";
export const portalIssuer = `${apiUrl}/t/${portalTenant}`;

/** A new account of the portal's tenant: signed up on the hosted page and confirmed with the mailed code. */
export async function signUpForPortal(page: Page, email: string, password = PASSPHRASE) {
  await page.goto(`${portalIssuer}/sign-up`);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${portalIssuer}/verify?sent=1`);
  const code = codeIn(await waitForMail(page.request, email, "verify-email", portalTenant));
  await page.getByLabel("6-digit code", { exact: true }).fill(code!);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page).toHaveURL(`${portalIssuer}/sign-in?notice=email-verified`);
}

/**
 * Signs in to the portal with the header's button and the tenant's hosted page (password, and a
 * TOTP code when `totpCode` is given and the page asks), and waits to be back on the portal.
 */
export async function signInToPortal(page: Page, email: string, options: { password?: string; path?: string; totpCode?: () => string } = {}) {
  await page.goto(`${portalUrl}${options.path ?? "/"}`);
  // A page of the account offers its own Sign in, which comes back to it; the first page has the header's.
  const region = options.path ? page.getByRole("main") : page.getByRole("banner");
  await region.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${portalIssuer}/sign-in`));
  await page.getByLabel("Email address", { exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? PASSPHRASE);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  if (options.totpCode) await answerTotp(page, options.totpCode);
  await page.waitForURL((url) => url.href.startsWith(portalUrl) && !url.pathname.startsWith("/api/auth"));
  expect(new URL(page.url()).searchParams.get("error"), "the portal could not finish the sign-in").toBeNull();
  await expect(page.getByRole("banner")).toContainText(`Signed in as ${email}`);
}

/** On the hosted second-factor page, types a code from the authenticator app. */
export async function answerTotp(page: Page, code: () => string) {
  await page.waitForURL((url) => url.href.startsWith(`${portalIssuer}/mfa`));
  await page.getByLabel("6-digit code", { exact: true }).fill(code());
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

/** A platform authenticator in this tab that verifies the user and answers at once (CDP virtual authenticator). */
export async function virtualAuthenticator(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials };
}
