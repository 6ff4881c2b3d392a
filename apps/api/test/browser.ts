/**
 * Just enough of a browser for protocol tests: a cookie jar (name, path, expiry) and redirects
 * followed one hop at a time, so a test sees every Location the provider sends and can stop at
 * the application's redirect URI without fetching it.
 */
interface Cookie {
  name: string;
  value: string;
  path: string;
  expires?: number;
}

export class TestBrowser {
  private cookies: Cookie[] = [];

  constructor(private readonly origin: string) {}

  setCookie(name: string, value: string, path = "/") {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    this.cookies.push({ name, value, path });
  }

  private remember(setCookie: string[]) {
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair!.indexOf("=");
      const cookie: Cookie = { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), path: "/" };
      for (const attribute of attributes) {
        const [key, value = ""] = attribute.split("=");
        const name = key!.toLowerCase();
        if (name === "path") cookie.path = value;
        if (name === "max-age") cookie.expires = Date.now() + Number(value) * 1000;
        if (name === "expires" && cookie.expires === undefined) cookie.expires = Date.parse(value);
      }
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.path === cookie.path));
      if (cookie.expires === undefined || cookie.expires > Date.now()) this.cookies.push(cookie);
    }
  }

  cookieHeader(url: URL) {
    return this.cookies
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .filter((c) => c.expires === undefined || c.expires > Date.now())
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  /** One request, no redirect followed. */
  async request(target: string | URL, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const url = new URL(target, this.origin);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers.origin ??= this.origin;
    }
    const response = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    this.remember(response.headers.getSetCookie());
    return response;
  }

  /**
   * Follows redirects within this origin until a response is not a redirect or leaves the origin;
   * returns the last response and, when it left, the URL it was sent to.
   */
  async navigate(target: string | URL, init: Parameters<TestBrowser["request"]>[1] = {}) {
    let response = await this.request(target, init);
    const visited: string[] = [new URL(target, this.origin).href];
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get("location")!, visited.at(-1));
      visited.push(location.href);
      if (location.origin !== this.origin) return { response, left: location, visited };
      response = await this.request(location);
    }
    return { response, left: undefined, visited };
  }
}
