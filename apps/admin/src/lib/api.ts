import { PlintoClient } from "@plinto/sdk";
import { auth } from "~/auth";
import { urlOf } from "~/env";

/**
 * The management API as the signed-in admin, or null when nobody is signed in (or their session
 * must sign in again). `tenant` names the tenant to manage; without it, the platform tenant.
 * Server components and route handlers only: the token never reaches the browser.
 */
export async function managementApi(tenant?: string): Promise<PlintoClient | null> {
  const token = await auth.apiToken();
  if (!token) return null;
  return new PlintoClient({ baseUrl: urlOf("api"), token, ...(tenant ? { tenant } : {}) });
}
