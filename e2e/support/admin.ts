import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "./env";

/** What the seed left for this run (`.plinto/dev-credentials.json` in the run's home). */
export interface DevCredentials {
  demoUser: { email: string; password: string };
  apiKeys: Record<string, { secret: string }>;
}
export const devCredentials = (): DevCredentials =>
  JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8")) as DevCredentials;

export const adminUrl = siteUrl("admin", e2eEnv);

/**
 * Signs in to the admin dashboard through the platform tenant's hosted page (as the seeded demo
 * user unless told otherwise) and, when `tenant` is given, switches the dashboard to it.
 */
export async function signInToAdmin(page: Page, options: { email?: string; password?: string; tenant?: string } = {}) {
  const demo = devCredentials().demoUser;
  await page.goto(`${adminUrl}/`);
  await page.getByRole("banner").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByLabel("Email address", { exact: true }).first().fill(options.email ?? demo.email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? demo.password);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(adminUrl));
  await expect(page.getByRole("banner").getByTestId("signed-in-email")).toHaveText(options.email ?? demo.email);
  if (options.tenant) {
    const switcher = page.getByRole("banner").getByLabel("Tenant", { exact: true });
    await switcher.selectOption(options.tenant);
    await page.getByRole("banner").getByRole("button", { name: "Switch" }).click();
    await expect(page.getByRole("banner").getByLabel("Tenant", { exact: true })).toHaveValue(options.tenant);
  }
}
