import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce or from this origin and forbids framing", () => {
    const nonce = newNonce();
    const policy = contentSecurityPolicy(nonce);
    const directives = Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    // Forms end in redirects to each application's own origin (see csp.ts).
    expect(directives["form-action"]).toBeUndefined();
    expect(policy).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(nonce, { dev: true })).toContain("'unsafe-eval'");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(newNonce(), "base64")).toHaveLength(16);
  });
});
