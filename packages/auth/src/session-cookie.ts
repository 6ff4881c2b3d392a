/**
 * next-auth's session cookie read and written outside next-auth (the proxy refreshes the API token
 * inside it). A value too long for one cookie is split the way next-auth splits it: `name.0`,
 * `name.1`, … and read back joined in order, so either side can read what the other wrote.
 */

/** next-auth v4's chunk size: 4096 bytes less room for the cookie's name and attributes. */
export const COOKIE_CHUNK_SIZE = 4096 - 163;

/** The session cookie's value from a name → value map, joining chunks; undefined when absent. */
export function readSessionCookie(cookies: Record<string, string>, name: string): string | undefined {
  if (cookies[name] !== undefined) return cookies[name];
  const chunks = Object.keys(cookies)
    .filter((key) => key.startsWith(`${name}.`) && /^\d+$/.test(key.slice(name.length + 1)))
    .sort((a, b) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)));
  return chunks.length > 0 ? chunks.map((key) => cookies[key]).join("") : undefined;
}

/**
 * The cookies that hold `value` under `name` now, and the earlier ones to expire: one cookie when
 * it fits, chunks otherwise, and whatever form the old value had that is no longer used.
 */
export function sessionCookieParts(value: string, name: string, existing: Iterable<string>): { set: Array<[string, string]>; expire: string[] } {
  const set: Array<[string, string]> =
    value.length <= COOKIE_CHUNK_SIZE
      ? [[name, value]]
      : Array.from({ length: Math.ceil(value.length / COOKIE_CHUNK_SIZE) }, (_, i) => [`${name}.${i}`, value.slice(i * COOKIE_CHUNK_SIZE, (i + 1) * COOKIE_CHUNK_SIZE)]);
  const kept = new Set(set.map(([key]) => key));
  const expire = [...existing].filter((key) => (key === name || key.startsWith(`${name}.`)) && !kept.has(key));
  return { set, expire };
}
