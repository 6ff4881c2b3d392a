import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { cookies } from "next/headers";
import type { StoredTokens } from "@plinto/sdk";
import { sessionSecret, urlOf, type EnvironmentName } from "~/env";

/**
 * How the demo holds tokens: on its server's side of an encrypted cookie, never in the browser's
 * storage. The session (pending sign-in, tokens) is JSON encrypted as a JWE (`dir`, A256GCM: the
 * browser can neither read nor change it) with a key derived (HKDF-SHA256) from
 * `PLINTO_DEMO_SESSION_SECRET`, and set as HttpOnly, SameSite=Lax cookies (Secure on https), split
 * into chunks because tokens outgrow one cookie. Script on the page cannot read it; only this
 * server can, and it hands the page the claims it verified, never a refresh token.
 */
export const SESSION_COOKIE = "plinto_demo_session";
/** How long a demo session lasts in the browser (the refresh token may outlive it). */
const SESSION_SECONDS = 8 * 60 * 60;
/** Below the 4096 bytes browsers keep per cookie, with room for the name and attributes. */
const CHUNK_SIZE = 3800;
const MAX_CHUNKS = 5;

/** What a previous access token looked like, to show a refresh replacing it. */
export interface ReplacedToken {
  jti: string | undefined;
  issuedAt: number | undefined;
  expiresAt: number | undefined;
  replacedAt: number;
}

export interface DemoSession {
  /** The environment the session belongs to: tokens of one issuer mean nothing to another. */
  environment: EnvironmentName;
  /** The SDK's pending sign-ins (PKCE verifier, state, nonce), by storage key. */
  storage: Record<string, string>;
  tokens?: StoredTokens;
  /** The access token the last refresh replaced. */
  replaced?: ReplacedToken;
  /** The last authorization request the demo sent, to show its parameters. */
  lastAuthorization?: { url: string; at: number };
}

function key(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "plinto-demo", "session cookie v1", 32));
}

const emptySession = (environment: EnvironmentName): DemoSession => ({ environment, storage: {} });

/** The cookie's chunks in order (`name.0`, `name.1`, …) joined, or undefined when there are none. */
function joinedCookie(all: { name: string; value: string }[]): string | undefined {
  const chunks: string[] = [];
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const chunk = all.find((c) => c.name === `${SESSION_COOKIE}.${i}`);
    if (!chunk) break;
    chunks.push(chunk.value);
  }
  return chunks.length > 0 ? chunks.join("") : undefined;
}

/**
 * The request's session for `environment`. A missing, undecryptable, expired or other
 * environment's cookie is an empty session (never an error: the browser just starts over).
 */
export async function readSession(environment: EnvironmentName): Promise<DemoSession> {
  const found = sessionSecret();
  if ("problem" in found) return emptySession(environment);
  const jar = await cookies();
  const value = joinedCookie(jar.getAll());
  if (!value) return emptySession(environment);
  try {
    const { payload } = await jwtDecrypt(value, key(found.secret), { issuer: urlOf("demo"), audience: urlOf("demo") });
    const session = payload.session as DemoSession | undefined;
    if (!session || session.environment !== environment || typeof session.storage !== "object") return emptySession(environment);
    return session;
  } catch {
    return emptySession(environment);
  }
}

/** Writes `session` back into the cookie (only from a server action or route handler). */
export async function writeSession(session: DemoSession): Promise<void> {
  const found = sessionSecret();
  if ("problem" in found) throw new Error(found.problem);
  const jar = await cookies();
  const empty = !session.tokens && Object.keys(session.storage).length === 0;
  const value = empty
    ? ""
    : await new EncryptJWT({ session })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .setIssuer(urlOf("demo"))
        .setAudience(urlOf("demo"))
        .setIssuedAt()
        .setExpirationTime(`${SESSION_SECONDS}s`)
        .encrypt(key(found.secret));
  const chunks = value.match(new RegExp(`.{1,${CHUNK_SIZE}}`, "g")) ?? [];
  if (chunks.length > MAX_CHUNKS) throw new Error("The demo session is too large for its cookies");
  const secure = urlOf("demo").startsWith("https:");
  chunks.forEach((chunk, i) => {
    jar.set(`${SESSION_COOKIE}.${i}`, chunk, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: SESSION_SECONDS });
  });
  for (let i = chunks.length; i < MAX_CHUNKS; i++) {
    if (jar.has(`${SESSION_COOKIE}.${i}`)) jar.delete(`${SESSION_COOKIE}.${i}`);
  }
}
