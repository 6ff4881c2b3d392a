import { describe, expect, it } from "vitest";
import {
  constantTimeEqual,
  decryptSecret,
  encryptSecret,
  hashToken,
  randomToken,
  SecretDecryptionError,
  type SecretContext,
} from "./crypto";

const secret = "master-secret-that-is-long-enough-0001";
const context: SecretContext = { purpose: "signing-key", boundTo: ["ten_a", "kid-1"] };
const plaintext = "-----BEGIN PRIVATE KEY-----\nnot really a key, but private all the same ✓\n-----END PRIVATE KEY-----";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Every character of `text` changed, one at a time, by flipping the lowest of its six bits: in the
 * last character of a part that bit is padding, which a lenient decoder would silently ignore.
 */
function* eachCharacterChanged(text: string): Generator<string> {
  for (let i = 0; i < text.length; i++) {
    const index = ALPHABET.indexOf(text[i]!);
    const replacement = index === -1 ? (text[i] === "." ? undefined : "x") : ALPHABET[index ^ 1];
    if (replacement !== undefined) yield text.slice(0, i) + replacement + text.slice(i + 1);
  }
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, and the sealed form is the versioned compact string without the plaintext", () => {
    const sealed = encryptSecret(plaintext, secret, context);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(decryptSecret(sealed, secret, context)).toBe(plaintext);
    expect(decryptSecret(encryptSecret("", secret, context), secret, context)).toBe("");
  });

  it("refuses a ciphertext with any single character altered: iv, ciphertext, tag or version", () => {
    const sealed = encryptSecret(plaintext, secret, context);
    let tried = 0;
    for (const altered of eachCharacterChanged(sealed)) {
      expect(() => decryptSecret(altered, secret, context)).toThrow(SecretDecryptionError);
      tried += 1;
    }
    expect(tried).toBe(sealed.length - 3);
  });

  it("refuses parts swapped in from another sealed secret, truncation and junk", () => {
    const [, iv, ciphertext, tag] = encryptSecret(plaintext, secret, context).split(".");
    const [, iv2, ciphertext2, tag2] = encryptSecret(plaintext, secret, context).split(".");
    for (const forged of [
      ["v1", iv2, ciphertext, tag],
      ["v1", iv, ciphertext2, tag],
      ["v1", iv, ciphertext, tag2],
      ["v2", iv, ciphertext, tag],
      ["v1", iv, ciphertext],
      ["v1", iv, ciphertext!.slice(0, -4), tag],
      ["v1", iv, `${ciphertext}=`, tag],
    ]) {
      expect(() => decryptSecret(forged.join("."), secret, context)).toThrow(SecretDecryptionError);
    }
    expect(() => decryptSecret("", secret, context)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(plaintext, secret, context)).toThrow(SecretDecryptionError);
  });

  it("only opens in the context it was sealed for", () => {
    const sealed = encryptSecret(plaintext, secret, context);
    for (const other of [
      { purpose: "signing-key", boundTo: ["ten_b", "kid-1"] },
      { purpose: "signing-key", boundTo: ["ten_a", "kid-2"] },
      { purpose: "signing-key", boundTo: ["ten_a"] },
      { purpose: "signing-key", boundTo: ["ten_akid-1"] },
      { purpose: "totp-secret", boundTo: ["ten_a", "kid-1"] },
    ]) {
      expect(() => decryptSecret(sealed, secret, other)).toThrow(SecretDecryptionError);
    }
  });

  it("only opens with the master secret it was sealed with", () => {
    const sealed = encryptSecret(plaintext, secret, context);
    expect(() => decryptSecret(sealed, `${secret}x`, context)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(sealed, secret.slice(0, -1), context)).toThrow(SecretDecryptionError);
  });

  it("draws a fresh IV every time, so the same plaintext never seals the same way", () => {
    const sealed = Array.from({ length: 500 }, () => encryptSecret(plaintext, secret, context));
    expect(new Set(sealed.map((s) => s.split(".")[1])).size).toBe(500);
    expect(new Set(sealed.map((s) => s.split(".")[2])).size).toBe(500);
  });
});

describe("randomToken", () => {
  it("is base64url with at least 128 bits, and never repeats", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(Array.from({ length: 1000 }, () => randomToken())).size).toBe(1000);
    expect(() => randomToken(15)).toThrow(RangeError);
    expect(() => randomToken(16.5)).toThrow(RangeError);
  });
});

describe("hashToken", () => {
  it("is SHA-256 hex of the token", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("abd")).not.toBe(hashToken("abc"));
  });
});

describe("constantTimeEqual", () => {
  it("is true only for equal values, and does not throw on unequal lengths", () => {
    expect(constantTimeEqual("token-value", "token-value")).toBe(true);
    expect(constantTimeEqual("token-value", "token-valuf")).toBe(false);
    expect(constantTimeEqual("token-value", "token-value-longer")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("", "a")).toBe(false);
    expect(constantTimeEqual(Buffer.from("bytes"), "bytes")).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});
