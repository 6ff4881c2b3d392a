import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * What a sealed secret is for and which row it belongs to. `purpose` picks the encryption key
 * (HKDF `info`), so a signing key and a TOTP seed never share one; `boundTo` is authenticated with
 * the ciphertext (AES-GCM additional data), so a ciphertext copied into another row fails to open.
 */
export interface SecretContext {
  /** e.g. "signing-key", "totp-secret"; the HKDF info is `plinto:<purpose>`. */
  purpose: string;
  /** The owning row's identity, e.g. `[tenantId, kid]`. */
  boundTo: readonly string[];
}

/** A sealed secret that does not open: wrong master secret, wrong context, or altered text. */
export class SecretDecryptionError extends Error {
  override name = "SecretDecryptionError";
}

const VERSION = "v1";
// A fixed salt: the master secret is already high-entropy; the salt only separates this scheme's keys.
const HKDF_SALT = Buffer.from("plinto:secret-box:v1");
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function deriveKey(masterSecret: string, purpose: string): Buffer {
  if (purpose.length === 0) throw new TypeError("a sealed secret needs a purpose");
  return Buffer.from(hkdfSync("sha256", masterSecret, HKDF_SALT, `plinto:${purpose}`, 32));
}

/** JSON of a list is unambiguous: ["a.b","c"] and ["a","b.c"] bind differently. */
function additionalData(context: SecretContext): Buffer {
  return Buffer.from(JSON.stringify([VERSION, context.purpose, ...context.boundTo]));
}

/**
 * Strict base64url: the text must be exactly what encoding the bytes gives, so altering a
 * character (even one that only touches padding bits) never decodes to the same bytes.
 */
function decodePart(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : undefined;
}

/** AES-256-GCM under a key derived from the master secret: `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function encryptSecret(plaintext: string, masterSecret: string, context: SecretContext): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(masterSecret, context.purpose), iv);
  cipher.setAAD(additionalData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Opens what `encryptSecret` sealed with the same master secret and context, or throws. */
export function decryptSecret(sealed: string, masterSecret: string, context: SecretContext): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SecretDecryptionError(`not a ${VERSION} sealed secret`);
  }
  const [iv, ciphertext, tag] = parts.slice(1).map(decodePart);
  if (!iv || !ciphertext || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretDecryptionError("the sealed secret is malformed");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(masterSecret, context.purpose), iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // One answer for every failure: the caller learns nothing about which part was wrong.
    throw new SecretDecryptionError("the sealed secret does not open with this master secret and context");
  }
}

/** An unguessable token, base64url. Never fewer than 128 bits. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new RangeError("a token needs at least 16 random bytes");
  return randomBytes(bytes).toString("base64url");
}

/** What we store instead of a bearer token or session id: a lookup by hash, never the token itself. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Compares secrets without leaking where they differ. Both sides are hashed first, so inputs of
 * different lengths take the same time and `timingSafeEqual` never throws.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const digest = (value: string | Uint8Array) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
