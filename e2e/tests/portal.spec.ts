import { expect, type APIRequestContext } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";
import { codeIn, freshEmail, PASSPHRASE, waitForMail } from "../support/mail";
import { apiUrl, portalTenant, portalUrl, signInToPortal, signUpForPortal, virtualAuthenticator } from "../support/portal";
import { stepNow, totp } from "../support/totp";

// The account portal (apps/app) in Chromium, as a new user of the platform tenant lives with it:
// sign up on the hosted page, sign in to the portal, add an authenticator app and a passkey,
// sign another session out, and the portal's main pages pass axe. Every test fails on a console error.

const ONE_PIXEL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const NEW_PASSPHRASE = "a different and equally long passphrase for the portal";
const auth = (path: string) => `${apiUrl}/v1/tenants/${portalTenant}/auth/${path}`;

/** Another session of the same account, as a phone's browser would start it through the API (its own cookie jar). */
async function otherSession(request: APIRequestContext, email: string) {
  const response = await request.post(auth("sign-in"), {
    data: { email, password: PASSPHRASE },
    headers: { "user-agent": "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0" },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { sessionToken: string }).sessionToken;
}

test.describe.configure({ mode: "serial" });

test("a new user signs up, signs in to the portal, secures the account and signs another session out", async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = freshEmail("portal");
  await signUpForPortal(page, email);
  const phone = await otherSession(request, email);
  await signInToPortal(page, email, { path: "/security" });
  await expect(page).toHaveURL(`${portalUrl}/security`);
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();

  // An authenticator app: the key the page shows, a code computed from it here (RFC 6238).
  const twoStep = page.getByRole("region", { name: "Two-step verification" });
  await twoStep.getByRole("button", { name: "Set up an authenticator app" }).click();
  const key = (await twoStep.getByTestId("totp-secret").textContent())!.trim();
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(twoStep.getByRole("img", { name: /QR code/ })).toBeVisible();
  await twoStep.getByLabel("Code from the app").fill(totp(key, stepNow()));
  await twoStep.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(twoStep.getByText("Authenticator app added")).toBeVisible();
  await expect(twoStep.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await twoStep.getByRole("link", { name: "I've saved my codes" }).click();
  await expect(page.getByRole("region", { name: "Two-step verification" }).getByTestId("totp-factor")).toContainText("Authenticator app");
  await expect(page.getByRole("region", { name: "Recovery codes" }).getByTestId("recovery-codes-left")).toHaveText("10 unused codes left.");

  // A passkey from the portal's own origin, in a virtual authenticator.
  const authenticator = await virtualAuthenticator(page);
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();
  await passkeys.getByLabel("Passkey name").fill("Work laptop");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("status")).toHaveText('Passkey "Work laptop" added. You can sign in with it now.');
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
  await expect(passkeys.getByTestId("passkey")).toContainText("Work laptop");
  expect(await authenticator.credentials()).toHaveLength(1);
  const listed = await request.get(auth("passkeys"), { headers: { authorization: `Bearer ${phone}` } });
  expect(((await listed.json()) as { passkeys: Array<{ name: string }> }).passkeys.map((p) => p.name)).toEqual(["Work laptop"]);

  // A new password: the wrong current one is refused, the right one changes it.
  const password = page.getByRole("region", { name: "Password" });
  await password.getByLabel("Current password").fill("not my password at all");
  await password.getByLabel("New password", { exact: true }).fill(NEW_PASSPHRASE);
  await password.getByLabel("New password again").fill(NEW_PASSPHRASE);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your current password is not right" })).toBeVisible();
  await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill(PASSPHRASE);
  await page.getByRole("region", { name: "Password" }).getByLabel("New password", { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByRole("region", { name: "Password" }).getByLabel("New password again").fill(NEW_PASSPHRASE);
  await page.getByRole("region", { name: "Password" }).getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed." })).toBeVisible();
  expect((await request.post(auth("sign-in"), { data: { email, password: PASSPHRASE } })).status()).toBe(401);

  // Sessions: this one and the phone's; sign the phone out after confirming.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(`${portalUrl}/sessions`);
  const rows = page.getByTestId("session-row");
  await expect(rows.filter({ hasText: "This session" })).toHaveCount(1);
  const phoneRow = rows.filter({ hasText: "Firefox on Android" });
  await expect(phoneRow).toHaveCount(1);
  await phoneRow.getByRole("link", { name: /^Sign out of Firefox on Android/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Sign out of Firefox on Android?" })).toBeVisible();
  await page.getByRole("button", { name: "Sign it out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "That session is signed out" })).toBeVisible();
  await expect(page.getByTestId("session-row").filter({ hasText: "Firefox on Android" })).toHaveCount(0);
  expect((await request.get(auth("sessions"), { headers: { authorization: `Bearer ${phone}` } })).status()).toBe(401);

  // The main pages have no serious accessibility problem.
  for (const path of ["/", "/profile", "/security", "/sessions", "/organizations"]) {
    await page.goto(`${portalUrl}${path}`);
    await expect(page.locator("h1").first()).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("the profile: details, a picture, and a new email address confirmed from it with the old one told", async ({ page, request }) => {
  test.setTimeout(90_000);
  const email = freshEmail("profile");
  await signUpForPortal(page, email);
  await signInToPortal(page, email, { path: "/profile" });

  const details = page.getByRole("region", { name: "Your details" });
  await details.getByLabel("Full name").fill("Ada Portal");
  await details.getByLabel("Language").fill("not a language!");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("alert")).toContainText("Nothing was saved");
  await expect(details.getByLabel("Full name")).toHaveValue("Ada Portal");
  await details.getByLabel("Language").fill("en-GB");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("status")).toContainText("Your details are saved");

  // A picture: a real 1×1 PNG is kept; a text file is refused before it reaches the API.
  const picture = page.getByRole("region", { name: "Picture" });
  await picture.getByLabel("New picture").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await picture.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a PNG, JPEG or WebP picture");
  await page.getByRole("region", { name: "Picture" }).getByLabel("New picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: ONE_PIXEL_PNG });
  await page.getByRole("region", { name: "Picture" }).getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your new picture is saved.");
  const avatar = page.getByTestId("avatar");
  await expect(avatar).toBeVisible();
  const served = await request.get((await avatar.getAttribute("src"))!);
  expect(served.headers()["content-type"]).toBe("image/png");

  // A new address: mailed a code, the old one told; confirmed here with the code.
  const newEmail = freshEmail("profile-new");
  await page.getByRole("region", { name: "Email address" }).getByLabel("New email address").fill(newEmail);
  await page.getByRole("region", { name: "Email address" }).getByRole("button", { name: "Change email address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("We sent a code and a link to the new address");
  await waitForMail(request, email, "email-change-requested", portalTenant);
  const code = codeIn(await waitForMail(request, newEmail, "email-change-confirm", portalTenant));
  await page.getByRole("region", { name: "Email address" }).getByLabel("Code from the email").fill(code!);
  await page.getByRole("region", { name: "Email address" }).getByRole("button", { name: "Confirm new address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your email address is changed.");
  await expect(page.getByTestId("current-email")).toHaveText(newEmail);
  await waitForMail(request, email, "email-changed", portalTenant);
  await expectNoAxeViolations(page);
});

test("signed out, each page of the portal offers to sign in and comes back to it", async ({ page }) => {
  for (const path of ["/profile", "/security", "/sessions", "/organizations"]) {
    await page.goto(`${portalUrl}${path}`);
    await expect(page.getByRole("heading", { name: /^Sign in to see/ })).toBeVisible();
    await expect(page.getByRole("main").getByRole("button", { name: "Sign in" })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
