/**
 * Calls the end-user auth routes the way Next does: a real `Request`, the params promise, and the
 * process runtime installed by `getTestInstance()`. Shared by the tests beside this file.
 */
import { expect } from "vitest";
import { PROBLEM_CONTENT_TYPE, problemDetailsSchema, signedInResultSchema } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { CLIENT_IP_HEADER, SESSION_COOKIE } from "../../../lib/request";
import { listOutbox } from "../../../services/mail/outbox";
import { POST as completeEmailSignIn } from "./[tenant]/auth/email-sign-in/complete/route";
import { POST as emailSignIn } from "./[tenant]/auth/email-sign-in/route";
import { POST as forgotPassword } from "./[tenant]/auth/forgot-password/route";
import { POST as resendVerification } from "./[tenant]/auth/resend-verification/route";
import { POST as resetPassword } from "./[tenant]/auth/reset-password/route";
import { DELETE as deleteConsent } from "./[tenant]/auth/consents/[application]/route";
import { GET as listConsents } from "./[tenant]/auth/consents/route";
import { DELETE as deleteSession } from "./[tenant]/auth/sessions/[session]/route";
import { DELETE as deleteOtherSessions, GET as listSessions } from "./[tenant]/auth/sessions/route";
import { POST as signIn } from "./[tenant]/auth/sign-in/route";
import { POST as signOut } from "./[tenant]/auth/sign-out/route";
import { POST as signUp } from "./[tenant]/auth/sign-up/route";
import { POST as verifyEmail } from "./[tenant]/auth/verify-email/route";

export const API = "http://localhost:4000";
export const PASSWORD = "a long and unusual passphrase";

/** Every POST endpoint, by its path under `/v1/tenants/{tenant}/auth/`. */
export const postEndpoints = {
  "sign-up": signUp,
  "verify-email": verifyEmail,
  "resend-verification": resendVerification,
  "sign-in": signIn,
  "forgot-password": forgotPassword,
  "reset-password": resetPassword,
  "email-sign-in": emailSignIn,
  "email-sign-in/complete": completeEmailSignIn,
  "sign-out": signOut,
} as const;
export type PostEndpoint = keyof typeof postEndpoints;

let clients = 0;
/** A client address of its own, so one test's attempts never count against another's limits. */
export function newIp(): string {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
}

let people = 0;
export function newEmail(prefix = "person"): string {
  people += 1;
  return `${prefix}${people}-${Date.now().toString(36)}@example.com`;
}

export interface Caller {
  ip?: string;
  /** Sent as `Authorization: Bearer …`. */
  bearer?: string;
  /** Sent as the session cookie. */
  cookie?: string;
  headers?: Record<string, string>;
  /** The body's content type: JSON unless given; `null` sends none (bytes only, or fetch adds text/plain). */
  contentType?: string | null;
}

function headersFor(caller: Caller): Headers {
  const headers = new Headers(caller.headers);
  headers.set(CLIENT_IP_HEADER, caller.ip ?? newIp());
  if (caller.bearer !== undefined) headers.set("authorization", `Bearer ${caller.bearer}`);
  if (caller.cookie !== undefined) headers.set("cookie", `theme=dark; ${SESSION_COOKIE}=${caller.cookie}; other=1`);
  return headers;
}

const url = (tenant: string, path: string) => `${API}/v1/tenants/${tenant}/auth/${path}`;

/** POSTs `body` (JSON-encoded unless it is already a string or bytes) to an endpoint. */
export function post(endpoint: PostEndpoint, tenant: string, body: unknown, caller: Caller = {}): Promise<Response> {
  const headers = headersFor(caller);
  if (caller.contentType === undefined) headers.set("content-type", "application/json");
  else if (caller.contentType !== null) headers.set("content-type", caller.contentType);
  const payload: BodyInit | undefined =
    typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : body === undefined ? undefined : JSON.stringify(body);
  const request = new Request(url(tenant, endpoint), { method: "POST", headers, body: payload });
  return postEndpoints[endpoint](request, { params: Promise.resolve({ tenant }) });
}

export function getSessions(tenant: string, caller: Caller = {}): Promise<Response> {
  return listSessions(new Request(url(tenant, "sessions"), { headers: headersFor(caller) }), { params: Promise.resolve({ tenant }) });
}

export function revokeSession(tenant: string, session: string, caller: Caller = {}): Promise<Response> {
  const request = new Request(url(tenant, `sessions/${encodeURIComponent(session)}`), { method: "DELETE", headers: headersFor(caller) });
  return deleteSession(request, { params: Promise.resolve({ tenant, session }) });
}

export function revokeOtherSessions(tenant: string, caller: Caller = {}): Promise<Response> {
  return deleteOtherSessions(new Request(url(tenant, "sessions"), { method: "DELETE", headers: headersFor(caller) }), { params: Promise.resolve({ tenant }) });
}

export function getConsents(tenant: string, caller: Caller = {}): Promise<Response> {
  return listConsents(new Request(url(tenant, "consents"), { headers: headersFor(caller) }), { params: Promise.resolve({ tenant }) });
}

export function revokeConsent(tenant: string, application: string, caller: Caller = {}): Promise<Response> {
  const request = new Request(url(tenant, `consents/${encodeURIComponent(application)}`), { method: "DELETE", headers: headersFor(caller) });
  return deleteConsent(request, { params: Promise.resolve({ tenant, application }) });
}

/** The body of a problem response, checked against the contract. */
export async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return problemDetailsSchema.parse(await response.clone().json());
}

/**
 * A JSON success body that is exactly what `schema` describes: valid, and with nothing the schema
 * would drop (a hash, a token it does not name) at any depth.
 */
export async function bodyOf<T>(response: Response, schema: { parse(value: unknown): T }): Promise<T> {
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body: unknown = await response.clone().json();
  const parsed = schema.parse(body);
  expect(body).toStrictEqual(parsed);
  return parsed;
}

/** A failure carries no session: no cookie set, and nothing token-like in the body. */
export async function expectNoSession(response: Response, ...secrets: string[]) {
  expect(response.headers.get("set-cookie")).toBeNull();
  const text = await response.clone().text();
  expect(text).not.toMatch(/sessionToken|\$argon2|tokenHash|passwordHash/i);
  // Session and link tokens are 43 base64url characters; no answer to a failure holds such a run.
  expect(text).not.toMatch(/[A-Za-z0-9_-]{40,}/);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

/** `Set-Cookie` split into its value and attributes (attribute names lowercased). */
export function parseSetCookie(header: string | null) {
  expect(header).not.toBeNull();
  const [pair, ...rest] = header!.split(";").map((part) => part.trim());
  const eq = pair!.indexOf("=");
  const attributes = new Map<string, string | true>();
  for (const attribute of rest) {
    const [name, ...value] = attribute.split("=");
    attributes.set(name!.toLowerCase(), value.length > 0 ? value.join("=") : true);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

export async function lastMail(db: Executor, tenantId: string, to: string, kind?: string) {
  const [mail] = await listOutbox(db, { tenantId, to, limit: 1, ...(kind ? { kind } : {}) });
  return mail;
}
export const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];
export const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

/** Signs up through the routes and confirms the address with the mailed code. */
export async function signedUpAndVerified(db: Executor, tenant: { id: string; slug: string }, email = newEmail(), password = PASSWORD) {
  const ip = newIp();
  expect((await post("sign-up", tenant.slug, { email, password }, { ip })).status).toBe(202);
  const mail = await lastMail(db, tenant.id, email, "verify-email");
  const verified = await post("verify-email", tenant.slug, { email, code: codeIn(mail!.text) }, { ip });
  expect(verified.status).toBe(200);
  return { email, password };
}

/** Signs in through the route and returns the parsed answer and the cookie's token. */
export async function signedIn(tenant: string, email: string, password = PASSWORD, caller: Caller = {}) {
  const response = await post("sign-in", tenant, { email, password }, caller);
  expect(response.status).toBe(200);
  const body = await bodyOf(response, signedInResultSchema);
  return { ...body, cookie: parseSetCookie(response.headers.get("set-cookie")) };
}
