import { describe, expect, it } from "vitest";
import { fieldErrors, isSameOrigin, localPath, problem, readLimited } from "./request";

const own = ["http://localhost:3000"];

describe("isSameOrigin", () => {
  it("lets the site's own pages through", () => {
    expect(isSameOrigin(new Headers({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }), own)).toBe(true);
  });

  it("lets clients that are not browsers through (they send neither header)", () => {
    expect(isSameOrigin(new Headers(), own)).toBe(true);
  });

  it("refuses another site's form or script", () => {
    expect(isSameOrigin(new Headers({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }), own)).toBe(false);
    expect(isSameOrigin(new Headers({ "sec-fetch-site": "same-site" }), own)).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "https://evil.example" }), own)).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "null" }), own)).toBe(false);
  });
});

describe("localPath", () => {
  it("keeps a path on this site", () => {
    expect(localPath("/legal/cookies")).toBe("/legal/cookies");
    expect(localPath("/pricing?x=1")).toBe("/pricing?x=1");
  });

  it("never sends the browser to another site", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "evil", undefined, 42, `/${"a".repeat(400)}`]) {
      expect(localPath(value)).toBe("/");
    }
  });
});

describe("problem", () => {
  it("answers RFC 9457 problem JSON with the API's codes", async () => {
    const response = problem("validation_failed", "Some fields need another look.", fieldErrors([{ path: ["email"], message: "Enter an email address" }]));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "https://plinto.dev/errors/validation_failed",
      title: "The request is not valid",
      status: 400,
      code: "validation_failed",
      detail: "Some fields need another look.",
      errors: [{ path: "email", message: "Enter an email address" }],
    });
  });
});

describe("readLimited", () => {
  const post = (body: string, headers: Record<string, string> = {}) => new Request("http://localhost/", { method: "POST", body, headers });

  it("reads a body within the limit", async () => {
    expect(await readLimited(post("é".repeat(5)), 10)).toBe("ééééé");
  });

  it("refuses a body over the limit, counted in bytes", async () => {
    expect(await readLimited(post("é".repeat(6)), 10)).toBeNull();
    expect(await readLimited(post("x", { "content-length": "5000" }), 10)).toBeNull();
  });
});
