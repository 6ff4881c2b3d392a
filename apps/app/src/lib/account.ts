import { PlintoAccountClient, PlintoApiError, PlintoNetworkError } from "@plinto/sdk";
import { tenantOfIssuer } from "@plinto/auth/env";
import { auth } from "~/auth";
import { authEnv } from "~/env";

/**
 * The signed-in user's own account through the API, or null when nobody is signed in (or their
 * session must sign in again). The tenant is the one the portal signs in through (its issuer's
 * `/t/{tenant}`); the credential is the session's access token for the API, whose `sid` names
 * the tenant session. Server components, actions and route handlers only: the token never
 * reaches the browser.
 */
export async function accountApi(): Promise<PlintoAccountClient | null> {
  const token = await auth.apiToken();
  if (!token) return null;
  const env = authEnv();
  return new PlintoAccountClient({ baseUrl: env.apiUrl, tenant: tenantOfIssuer(env.issuer), token });
}

/** The API's error code for a refusal (`reauthentication_required`, `not_found`, …), `unavailable` when it could not be asked. */
export function errorCode(error: unknown): string {
  if (error instanceof PlintoApiError) return error.code;
  if (error instanceof PlintoNetworkError) return "unavailable";
  return "unexpected";
}

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** What a page's URL says happened (`?done=…` / `?error=…`) and what it asks to confirm (`?confirm=…&id=…`). */
export function pageState(params: Params) {
  return { done: one(params.done), error: one(params.error), confirm: one(params.confirm), id: one(params.id) };
}

/** A page's address with an outcome or a question in it; the words for the codes are the page's own. */
export function withState(path: string, state: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
