import { afterEach, describe, expect, it, vi } from "vitest";
import { clearDiscoveryCache, discoverEndSessionEndpoint, DISCOVERY_TTL_MS, endSessionUrl } from "./end-session";

const issuer = "http://localhost:4000/t/plinto";

const answer = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => clearDiscoveryCache());

describe("endSessionUrl", () => {
  it("carries the ID token, the client and where to come back to", () => {
    const url = new URL(
      endSessionUrl({ endpoint: `${issuer}/logout`, idToken: "eyJ.a.b", clientId: "plinto-admin", postLogoutRedirectUri: "http://localhost:3002/" }),
    );
    expect(url.origin + url.pathname).toBe(`${issuer}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: "eyJ.a.b",
      client_id: "plinto-admin",
      post_logout_redirect_uri: "http://localhost:3002/",
    });
  });

  it("leaves id_token_hint out when there is no ID token, and keeps the endpoint's own query", () => {
    const url = new URL(endSessionUrl({ endpoint: `${issuer}/logout?ui_locales=en`, clientId: "plinto-app", postLogoutRedirectUri: "http://localhost:3003/" }));
    expect(url.searchParams.has("id_token_hint")).toBe(false);
    expect(url.searchParams.get("ui_locales")).toBe("en");
    expect(url.searchParams.get("client_id")).toBe("plinto-app");
  });
});

describe("discoverEndSessionEndpoint", () => {
  it("reads the endpoint from the discovery document and keeps it for a while", async () => {
    const fetch = vi.fn(async () => answer({ issuer, end_session_endpoint: `${issuer}/logout` }));
    expect(await discoverEndSessionEndpoint(issuer, { fetch, now: 0 })).toBe(`${issuer}/logout`);
    expect(await discoverEndSessionEndpoint(issuer, { fetch, now: DISCOVERY_TTL_MS - 1 })).toBe(`${issuer}/logout`);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(`${issuer}/.well-known/openid-configuration`, expect.anything());
    await discoverEndSessionEndpoint(issuer, { fetch, now: DISCOVERY_TTL_MS + 1 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("refuses a failed answer, another issuer's document, or one without the endpoint", async () => {
    await expect(discoverEndSessionEndpoint(issuer, { fetch: async () => answer({}, 503) })).rejects.toThrow("HTTP 503");
    await expect(
      discoverEndSessionEndpoint(issuer, { fetch: async () => answer({ issuer: "http://evil.example/t/plinto", end_session_endpoint: "http://evil.example/logout" }) }),
    ).rejects.toThrow("names another issuer");
    await expect(discoverEndSessionEndpoint(issuer, { fetch: async () => answer({ issuer }) })).rejects.toThrow("no end_session_endpoint");
  });
});
