/**
 * How Plinto's own Next.js sites (the admin dashboard, the account portal) sign their people in
 * with @plinto/auth. Two files of a site: its auth object, and next-auth's route.
 */
// #region auth
// src/auth.ts
import { createSiteAuth, readAuthEnv } from "@plinto/auth";

// The variables are checked on first use, not at import, so `next build` needs no secrets.
export const auth = createSiteAuth({ site: "admin", env: () => readAuthEnv(process.env) });
// #endregion auth

// #region route
// src/app/api/auth/[...nextauth]/route.ts
export const GET = auth.nextAuth.GET;
export const POST = auth.nextAuth.POST;
// #endregion route

// #region page
// In a server component: who is signed in, and a client for the management API acting as them.
import { PlintoClient } from "@plinto/sdk";

export async function tenantUsers(apiUrl: string, tenant: string) {
  const user = await auth.signedInUser(); // { name, email } or null
  const token = await auth.apiToken(); // refreshed before it expires; null when signed out
  if (!user || !token) return null;
  const plinto = new PlintoClient({ baseUrl: apiUrl, token, tenant });
  return (await plinto.users.list()).users;
}
// #endregion page
