import type { ManagedUser } from "@plinto/contracts";
import { PlintoApiError, type PlintoClient } from "@plinto/sdk";
import { problemText } from "@plinto/ui";

/** What looking a person up found: the one user, several near matches, nobody, or a problem. */
export type Lookup =
  | { kind: "found"; user: ManagedUser }
  | { kind: "several"; users: ManagedUser[] }
  | { kind: "none" }
  | { kind: "problem"; text: string };

const USER_ID = /^usr_[0-9a-hjkmnp-tv-z]{26}$/i;
/** How many near matches the support page lists before asking for a more exact query. */
export const NEAR_MATCHES = 10;

/**
 * Finds the user support asks about, by user id (exactly) or by email address: an address that
 * is exactly one user's (any case) is that user; otherwise the users whose email or name contain
 * the text are near matches.
 */
export async function lookUpUser(api: PlintoClient, query: string): Promise<Lookup> {
  const text = query.trim();
  try {
    if (USER_ID.test(text)) return { kind: "found", user: await api.users.get(text.toLowerCase()) };
    const { users } = await api.users.list({ q: text, limit: NEAR_MATCHES });
    const exact = users.filter((u) => u.email.toLowerCase() === text.toLowerCase());
    if (exact.length === 1) return { kind: "found", user: exact[0]! };
    return users.length > 0 ? { kind: "several", users } : { kind: "none" };
  } catch (error) {
    if (error instanceof PlintoApiError && error.code === "not_found") return { kind: "none" };
    return { kind: "problem", text: problemText(error) };
  }
}
