/** The management API from a server, with an API key: users, and errors as typed problems. */
// #region client
import { PlintoApiError, PlintoClient } from "@plinto/sdk";

// An API key (plinto_sk_…) acts in its own tenant, with its scopes. Keep it on your server.
const plinto = new PlintoClient({ baseUrl: "http://localhost:4000", apiKey: process.env.PLINTO_API_KEY! });
// #endregion client

// #region users
export async function inviteColleague(email: string) {
  const { users } = await plinto.users.list({ q: email });
  if (users.length > 0) return users[0]!;
  try {
    // Without a password the user signs in with a mailed link, a passkey or SSO.
    return await plinto.users.create({ email, name: "Ada Lovelace" });
  } catch (error) {
    if (error instanceof PlintoApiError && error.code === "validation_failed") {
      console.warn("refused:", error.fields); // e.g. { email: ["…"] }
    }
    throw error;
  }
}
// #endregion users

// #region admin-token
// An admin's access token (from the platform tenant, for the resource {API_URL}/v1) manages the
// tenant named by `tenant`, with the permissions of the admin's role there.
export function clientForAdmin(accessToken: string, tenant: string) {
  return new PlintoClient({ baseUrl: "http://localhost:4000", token: accessToken, tenant });
}
// #endregion admin-token
