/** The users list's filters as they stand in the page's URL (`/users?q=…&status=…`), in the admin's words. */
export interface UserFilters {
  q: string;
  status: "" | "active" | "blocked";
  verified: "" | "yes" | "no";
  sort: "newest" | "oldest";
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** Reads the filters from the URL; anything unknown is ignored rather than sent to the API. */
export function filtersOf(params: Record<string, string | string[] | undefined>): UserFilters & { cursor: string } {
  const status = one(params.status);
  const verified = one(params.verified);
  return {
    q: one(params.q).trim().slice(0, 200),
    status: status === "active" || status === "blocked" ? status : "",
    verified: verified === "yes" || verified === "no" ? verified : "",
    sort: one(params.sort) === "oldest" ? "oldest" : "newest",
    cursor: one(params.cursor),
  };
}

/** The list's URL for the same filters (and a page, when `cursor` is given). Defaults stay out of it. */
export function usersHref(filters: UserFilters, cursor?: string | null): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.status) query.set("status", filters.status);
  if (filters.verified) query.set("verified", filters.verified);
  if (filters.sort !== "newest") query.set("sort", filters.sort);
  if (cursor) query.set("cursor", cursor);
  const text = query.toString();
  return text ? `/users?${text}` : "/users";
}

// The API's refusal in words, and its timestamps in UTC, are shared with the account portal.
