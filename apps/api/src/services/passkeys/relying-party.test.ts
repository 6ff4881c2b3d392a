import { describe, expect, it } from "vitest";
import { loadConfig } from "../../lib/config";
import { expectedOriginFor, registrationOriginsFor } from "./relying-party";

const config = (env: Record<string, string>) => loadConfig({ PLINTO_SECRET: "test-secret-that-is-long-enough-000000", PLINTO_HOME: "/tmp/plinto-rp-test", ...env });

describe("the origins a passkey may be added from", () => {
  it("are the API's and the account portal's on the same host (the site table's ports, shifted by PLINTO_PORT_OFFSET)", () => {
    expect(registrationOriginsFor(config({}))).toEqual({ id: "localhost", origins: ["http://localhost:4000", "http://localhost:3003"] });
    expect(registrationOriginsFor(config({ PORT: "14000", PLINTO_API_URL: "http://localhost:14000", PLINTO_PORT_OFFSET: "10000" }))).toEqual({
      id: "localhost",
      origins: ["http://localhost:14000", "http://localhost:13003"],
    });
  });

  it("take a portal on a subdomain of the RP ID, and keep the RP ID the API's host", () => {
    const answer = registrationOriginsFor(config({ PLINTO_API_URL: "https://example.com", PLINTO_APP_URL: "https://account.example.com/" }));
    expect(answer).toEqual({ id: "example.com", origins: ["https://example.com", "https://account.example.com"] });
  });

  it("leave out a portal whose browser could not claim the RP ID: a sibling host, a parent domain, a look-alike", () => {
    for (const portal of ["https://account.example.com", "https://example.com", "https://evilid.example.com.attacker.test", "https://notid.example.com"]) {
      expect(registrationOriginsFor(config({ PLINTO_API_URL: "https://id.example.com", PLINTO_APP_URL: portal })).origins).toEqual(["https://id.example.com"]);
    }
  });

  it("do not widen what a passkey sign-in accepts: that stays the API's own origin", () => {
    expect(expectedOriginFor(config({}))).toEqual({ id: "localhost", origin: "http://localhost:4000" });
  });

  it("stop the start-up with a line naming PLINTO_APP_URL when it is no http(s) URL", () => {
    expect(() => config({ PLINTO_APP_URL: "ftp://portal.example.com" })).toThrow(/PLINTO_APP_URL has protocol "ftp:"/);
  });
});
