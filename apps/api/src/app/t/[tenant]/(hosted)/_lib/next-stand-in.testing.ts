/**
 * For the hosted pages' tests: Next's request APIs stood in for, so server actions and server
 * components run against a real database in vitest. A cookie jar (with every write recorded), the
 * request headers, and `redirect` / `notFound` as throws. Use it from `vi.hoisted` and wire it
 * with `vi.mock("next/headers", …)` and `vi.mock("next/navigation", …)`.
 */
export function createNextStandIn() {
  type Cookie = { value: string; options: Record<string, unknown> };
  const jar = new Map<string, Cookie>();
  const written: Array<{ name: string } & Cookie> = [];
  let headers = new Headers();
  class Redirect extends Error {
    constructor(readonly url: string) {
      super(`redirect ${url}`);
    }
  }
  class NotFound extends Error {}
  return {
    jar,
    written,
    Redirect,
    NotFound,
    setHeaders(next: Record<string, string>) {
      headers = new Headers(next);
    },
    /** `next/headers` */
    headersModule: {
      cookies: async () => ({
        get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
        has: (name: string) => jar.has(name),
        set: (name: string, value: string, options: Record<string, unknown> = {}) => {
          written.push({ name, value, options });
          if (options.maxAge === 0) jar.delete(name);
          else jar.set(name, { value, options });
        },
      }),
      headers: async () => headers,
    },
    /** `next/navigation` */
    navigationModule: {
      redirect: (url: string): never => {
        throw new Redirect(url);
      },
      notFound: (): never => {
        throw new NotFound();
      },
    },
  };
}
