import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "./env";

/** What the seed left for this run (`.plinto/dev-credentials.json` in the run's home). */
export interface DevCredentials {
  demoUser: { email: string; password: string };
  /** The seed's management keys: `demo` of the demo tenant, `plinto` a platform operator's. */
  apiKeys: { demo: { secret: string }; plinto: { secret: string } };
}
export const devCredentials = (): DevCredentials =>
  JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8")) as DevCredentials;

export const adminUrl = siteUrl("admin", e2eEnv);
export const apiUrl = siteUrl("api", e2eEnv);

/**
 * Signs in to the admin dashboard through the platform tenant's hosted page (as the seeded demo
 * user unless told otherwise) and, when `tenant` is given, switches the dashboard to it.
 */
export async function signInToAdmin(page: Page, options: { email?: string; password?: string; tenant?: string } = {}) {
  const demo = devCredentials().demoUser;
  const email = options.email ?? demo.email;
  await page.goto(`${adminUrl}/`);
  await page.getByRole("banner").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${apiUrl}/t/plinto/sign-in`));
  await page.getByRole("textbox", { name: "Email address", exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? demo.password);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(adminUrl) && !url.pathname.startsWith("/api/auth"));
  expect(new URL(page.url()).searchParams.get("error"), "the admin site could not finish the sign-in").toBeNull();
  await expect(page.getByRole("banner").getByTestId("signed-in-email")).toHaveText(email);
  if (options.tenant) await useTenant(page, options.tenant);
}

/** Points the dashboard at `tenant` with the header's switcher (a no-op when it already is). */
export async function useTenant(page: Page, tenant: string) {
  const switcher = page.getByRole("banner").getByLabel("Tenant", { exact: true });
  if ((await switcher.inputValue()) === tenant) return;
  await switcher.selectOption(tenant);
  await page.getByRole("banner").getByRole("button", { name: "Switch" }).click();
  await expect(page.getByRole("banner").getByLabel("Tenant", { exact: true })).toHaveValue(tenant);
}
