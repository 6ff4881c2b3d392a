import { describe, expect, it } from "vitest";
import { createPlintoAuth, memoryStorage, memoryTokenStore, sessionStorageTokenStore, webStorageTokenStore, type StoredTokens } from "../browser";

const tokens: StoredTokens = {
  accessToken: "at",
  tokenType: "bearer",
  expiresAt: Date.now() + 60_000,
  refreshToken: "rt",
  idToken: "a.b.c",
  claims: { iss: "https://auth.example.com/t/a", sub: "usr_1", aud: "c", exp: 1, iat: 1 },
};

describe("token stores", () => {
  it("memory and Web Storage stores keep, return and forget tokens", async () => {
    for (const store of [memoryTokenStore(), webStorageTokenStore({ storage: memoryStorage(), key: "k" })]) {
      expect(await store.get()).toBeUndefined();
      await store.set(tokens);
      expect(await store.get()).toEqual(tokens);
      await store.clear();
      expect(await store.get()).toBeUndefined();
    }
  });

  it("a Web Storage entry that is not tokens (tampered, or an old format) reads as signed out and is removed", () => {
    const storage = memoryStorage();
    const store = webStorageTokenStore({ storage, key: "k" });
    for (const junk of ["{not json", JSON.stringify({ accessToken: 1 }), JSON.stringify({ ...tokens, claims: {} })]) {
      storage.setItem("k", junk);
      expect(store.get()).toBeUndefined();
      expect(storage.getItem("k")).toBeNull();
    }
  });

  it("sessionStorageTokenStore says so when the runtime has no sessionStorage", () => {
    expect(() => sessionStorageTokenStore().get()).toThrow(/no sessionStorage/);
  });
});

describe("createPlintoAuth configuration", () => {
  it("refuses a plain-http issuer other than loopback, and needs a client id", () => {
    const base = { clientId: "c", redirectUri: "https://app.example.com/callback" };
    expect(() => createPlintoAuth({ ...base, issuer: "http://auth.example.com/t/a" })).toThrow(/must use https/);
    expect(() => createPlintoAuth({ ...base, issuer: "http://localhost:4000/t/demo" })).not.toThrow();
    expect(() => createPlintoAuth({ ...base, clientId: "", issuer: "https://auth.example.com/t/a" })).toThrow(/clientId/);
  });

  it("getAccessToken without a sign-in is PlintoAuthError not_signed_in, with no request made", async () => {
    let requests = 0;
    const auth = createPlintoAuth({
      issuer: "https://auth.example.com/t/a",
      clientId: "c",
      redirectUri: "https://app.example.com/callback",
      storage: memoryStorage(),
      fetch: () => {
        requests += 1;
        return Promise.reject(new Error("no network here"));
      },
    });
    await expect(auth.getAccessToken()).rejects.toMatchObject({ name: "PlintoAuthError", code: "not_signed_in" });
    await expect(auth.handleRedirectCallback("https://app.example.com/callback?code=x&state=unknown")).rejects.toMatchObject({
      code: "state_mismatch",
    });
    expect(requests).toBe(0);
  });
});
