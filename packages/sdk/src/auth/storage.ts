import type { IdTokenClaims } from "../tokens/verify";

/** The part of the Web Storage API this SDK uses: `sessionStorage`, `localStorage` or your own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What a signed-in browser keeps. */
export interface StoredTokens {
  accessToken: string;
  tokenType: string;
  /** When the access token expires, in milliseconds since the epoch (undefined: not said). */
  expiresAt?: number;
  /** The lifetime the provider gave the access token, in seconds. */
  expiresIn?: number;
  /** Rotates on every use: always keep the newest. */
  refreshToken?: string;
  idToken?: string;
  scope?: string;
  /** The verified ID token's claims: who is signed in. */
  claims: IdTokenClaims;
}

/** Where tokens live between page loads. Methods may be sync or async. */
export interface TokenStore {
  get(): StoredTokens | undefined | Promise<StoredTokens | undefined>;
  set(tokens: StoredTokens): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** Tokens in memory: gone on reload, out of reach of other scripts' storage reads. The default. */
export function memoryTokenStore(): TokenStore {
  let tokens: StoredTokens | undefined;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
    clear: () => {
      tokens = undefined;
    },
  };
}

function isStoredTokens(value: unknown): value is StoredTokens {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === "string" &&
    typeof v.tokenType === "string" &&
    (v.expiresAt === undefined || typeof v.expiresAt === "number") &&
    (v.refreshToken === undefined || typeof v.refreshToken === "string") &&
    (v.idToken === undefined || typeof v.idToken === "string") &&
    typeof v.claims === "object" &&
    v.claims !== null &&
    typeof (v.claims as Record<string, unknown>).sub === "string"
  );
}

/**
 * Tokens in Web Storage under one key. With `sessionStorage` (the default) a sign-in survives a
 * reload of the tab but not the tab; anything that runs script on your origin can read it, as it
 * can read memory, so keep a strict Content-Security-Policy either way.
 */
export function webStorageTokenStore(options: { storage?: KeyValueStorage; key?: string } = {}): TokenStore {
  const key = options.key ?? "plinto.tokens";
  const storage = () => {
    const found = options.storage ?? (globalThis as { sessionStorage?: KeyValueStorage }).sessionStorage;
    if (!found) throw new TypeError("webStorageTokenStore: no storage given and no sessionStorage in this runtime");
    return found;
  };
  return {
    get() {
      const raw = storage().getItem(key);
      if (raw === null) return undefined;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isStoredTokens(parsed)) return parsed;
      } catch {
        // fall through: unreadable is the same as absent
      }
      storage().removeItem(key);
      return undefined;
    },
    set(tokens) {
      storage().setItem(key, JSON.stringify(tokens));
    },
    clear() {
      storage().removeItem(key);
    },
  };
}

/** `webStorageTokenStore` over `sessionStorage`. */
export function sessionStorageTokenStore(key?: string): TokenStore {
  return webStorageTokenStore(key === undefined ? {} : { key });
}

/** A KeyValueStorage in memory, for runtimes without `sessionStorage` (servers, tests). */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}
