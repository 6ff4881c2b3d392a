import { randomBytes } from "node:crypto";

/**
 * Every id in Plinto is `<prefix>_<26 chars>`: 48 bits of millisecond time then 80 random bits,
 * Crockford base32, so ids sort by creation time and say what they point at.
 */
export const idPrefixes = {
  tenant: "ten",
  user: "usr",
  credential: "cred",
  identity: "idt",
  session: "ses",
  application: "app",
  consent: "cns",
  organization: "org",
  membership: "mem",
  role: "rol",
  permission: "perm",
  invitation: "inv",
  domain: "dom",
  connection: "conn",
  directory: "dir",
  apiKey: "key",
  auditEvent: "evt",
  webhookEndpoint: "whe",
  webhookDelivery: "whd",
  signingKey: "sk",
  job: "job",
  mail: "mail",
  verification: "vrf",
  mfaChallenge: "mfa",
  webauthnChallenge: "wac",
  invoice: "invc",
  impersonation: "imp",
  avatar: "avt",
  notification: "ntf",
} as const;

export type IdKind = keyof typeof idPrefixes;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeRandom(bytes: Buffer): string {
  // 80 bits -> 16 base32 characters, read five bits at a time.
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${idPrefixes[kind]}_${encodeTime(now)}${encodeRandom(randomBytes(10))}`.toLowerCase();
}

const ID_PATTERN = /^([a-z]+)_[0-9a-hjkmnp-tv-z]{26}$/;

/** True when `value` is a well-formed id of the given kind (used to reject junk before a query). */
export function isId(kind: IdKind, value: string): boolean {
  const match = ID_PATTERN.exec(value);
  return match !== null && match[1] === idPrefixes[kind];
}
