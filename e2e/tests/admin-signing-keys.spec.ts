import { expect } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { adminUrl, signInToAdmin } from "../support/admin";
import { e2eEnv } from "../support/env";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";

// Signing keys in the admin dashboard: the demo tenant's owner rotates them after a confirmation;
// the key that was published as next signs from then on, and the old one is listed as retired.

test("an owner rotates the demo tenant's signing keys", async ({ page }) => {
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Signing keys" }).click();
  await expect(page).toHaveURL(`${adminUrl}/signing-keys`);
  const kidOf = async (status: string) => (await page.getByTestId(`key-${status}`).first().getByRole("rowheader").innerText()).trim();
  const active = await kidOf("active");
  const next = await kidOf("next");
  expect(active).not.toBe(next);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Rotate keys" }).click();
  await page.getByRole("button", { name: "Rotate now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Keys rotated" })).toContainText(`Key ${next} signs new tokens now.`);
  expect(await kidOf("active")).toBe(next);
  expect(await kidOf("retired")).toBe(active);
  expect(await kidOf("next")).not.toBe(next);

  // The tenant's JWKS still publishes the retired key: tokens it signed keep verifying.
  const jwks = (await (await page.request.get(`${siteUrl("api", e2eEnv)}/t/demo/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
  expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([active, next]));
});
