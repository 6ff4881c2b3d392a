import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PROBLEM_CONTENT_TYPE,
  passkeyAuthenticationOptionsSchema,
  passkeyListResponseSchema,
  passkeyRegisteredResponseSchema,
  passkeyRegistrationOptionsSchema,
  passkeySchema,
  problemDetailsSchema,
  signedInResultSchema,
} from "@plinto/contracts";
import { sessions, tenants } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { SoftwareAuthenticator } from "../../../../test/webauthn/authenticator";
import { CLIENT_IP_HEADER, SESSION_COOKIE } from "../../../lib/request";
import type { Runtime } from "../../../lib/runtime";
import { systemContext } from "../../../services/context";
import { afterFirstFactor, type MfaRequired } from "../../../services/mfa/sign-in";
import { createSession, resolveSession } from "../../../services/sessions/sessions";
import { createTenant } from "../../../services/tenants/tenants";
import { createUser } from "../../../services/users/users";
import { DELETE as deletePasskey, PATCH as patchPasskey } from "./[tenant]/auth/passkeys/[passkey]/route";
import { POST as authenticationOptions } from "./[tenant]/auth/passkeys/authentication/options/route";
import { POST as authentication } from "./[tenant]/auth/passkeys/authentication/route";
import { POST as registrationOptions } from "./[tenant]/auth/passkeys/registration/options/route";
import { POST as registration } from "./[tenant]/auth/passkeys/registration/route";
import { POST as secondFactorOptions } from "./[tenant]/auth/passkeys/second-factor/options/route";
import { POST as secondFactor } from "./[tenant]/auth/passkeys/second-factor/route";
import { GET as listPasskeys } from "./[tenant]/auth/passkeys/route";

// The passkey routes the way Next calls them: real Requests, the params promise, the process runtime.

let database: TestDatabase;
let runtime: Runtime;
let ORIGIN: string;
const home = { slug: "rest-passkeys", id: "" };
const elsewhere = { slug: "rest-passkeys-other", id: "" };
let people = 0;

beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
  home.id = (await createTenant(database.db, systemContext, { slug: home.slug, name: "Passkeys Home" })).id;
  elsewhere.id = (await createTenant(database.db, systemContext, { slug: elsewhere.slug, name: "Passkeys Elsewhere" })).id;
  ORIGIN = new URL(runtime.config.publicUrl).origin;
});
afterAll(async () => {
  await database?.dispose();
});

interface Caller {
  bearer?: string;
  cookie?: string;
}

function request(method: string, tenant: string, path: string, body?: unknown, caller: Caller = {}) {
  people += 1;
  const headers = new Headers({ [CLIENT_IP_HEADER]: `10.20.${(people >> 8) & 255}.${people & 255}` });
  if (caller.bearer) headers.set("authorization", `Bearer ${caller.bearer}`);
  if (caller.cookie) headers.set("cookie", `${SESSION_COOKIE}=${caller.cookie}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${runtime.config.publicUrl}/v1/tenants/${tenant}/auth/${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
}

const params = (tenant: string) => ({ params: Promise.resolve({ tenant }) });
const passkeyParams = (tenant: string, passkey: string) => ({ params: Promise.resolve({ tenant, passkey }) });

async function json<T>(response: Response, schema: { parse(value: unknown): T }, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body: unknown = await response.json();
  const parsed = schema.parse(body);
  expect(body).toStrictEqual(parsed);
  return parsed;
}

async function problem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  expect(response.headers.get("set-cookie")).toBeNull();
  const body = problemDetailsSchema.parse(await response.json());
  expect(body.code).toBe(code);
  return body;
}

/** A user of the tenant with a session token from a sign-in `minutesAgo` minutes ago. */
async function signedIn(tenant = home, minutesAgo = 0) {
  people += 1;
  const user = await createUser(database.db, systemContext, { tenantId: tenant.id, email: `rest-passkey${people}@example.com`, emailVerified: true });
  const { token } = await database.db.transaction((tx) =>
    createSession(tx, { actor: { type: "user" } }, { tenantId: tenant.id, userId: user.id, amr: ["pwd"], now: new Date(Date.now() - minutesAgo * 60_000) }),
  );
  return { user, token };
}

async function register(tenant: string, token: string, authenticator = new SoftwareAuthenticator(), name?: string) {
  const options = await json(await registrationOptions(request("POST", tenant, "passkeys/registration/options", undefined, { bearer: token }), params(tenant)), passkeyRegistrationOptionsSchema);
  const credential = authenticator.register(options, { origin: ORIGIN });
  const body = await json(
    await registration(request("POST", tenant, "passkeys/registration", { credential, ...(name ? { name } : {}) }, { bearer: token }), params(tenant)),
    passkeyRegisteredResponseSchema,
    201,
  );
  return { added: body.passkey, recoveryCodes: body.recoveryCodes, authenticator };
}

async function signInAnswer(tenant: string, authenticator: SoftwareAuthenticator, origin = ORIGIN) {
  const options = await json(await authenticationOptions(request("POST", tenant, "passkeys/authentication/options"), params(tenant)), passkeyAuthenticationOptionsSchema);
  return authenticator.authenticate(options, { origin });
}

describe("passkey routes", () => {
  it("add, list, rename, sign in with it (session token and cookie), remove", async () => {
    const { user, token } = await signedIn();
    const { added, authenticator, recoveryCodes } = await register(home.slug, token, undefined, "Laptop");
    expect(added).toMatchObject({ name: "Laptop", transports: ["internal", "hybrid"], lastUsedAt: null });
    // The account's first second factor: recovery codes, in this answer only.
    expect(recoveryCodes).toHaveLength(10);
    expect((await register(home.slug, token)).recoveryCodes).toBeUndefined();

    const listed = await json(await listPasskeys(request("GET", home.slug, "passkeys", undefined, { cookie: token }), params(home.slug)), passkeyListResponseSchema);
    expect(listed.passkeys).toHaveLength(2);
    expect(listed.passkeys[0]).toEqual(added);

    const renamed = await json(
      await patchPasskey(request("PATCH", home.slug, `passkeys/${added.id}`, { name: "Work laptop" }, { bearer: token }), passkeyParams(home.slug, added.id)),
      passkeySchema,
    );
    expect(renamed).toMatchObject({ id: added.id, name: "Work laptop" });

    const credential = await signInAnswer(home.slug, authenticator);
    const response = await authentication(request("POST", home.slug, "passkeys/authentication", { credential }), params(home.slug));
    const body = await json(response, signedInResultSchema);
    expect(body.status).toBe("signed_in");
    expect(body.user).toMatchObject({ id: user.id, email: user.email, emailVerified: true });
    expect(body.session.amr).toEqual(["hwk", "user", "mfa"]);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${body.sessionToken}`);
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);
    expect(cookie).toContain(`Path=/t/${home.slug}`);
    const live = await resolveSession(database.db, home.id, body.sessionToken);
    expect(live?.session).toMatchObject({ acr: "urn:plinto:acr:2fa", amr: ["hwk", "user", "mfa"] });

    const removed = await deletePasskey(request("DELETE", home.slug, `passkeys/${added.id}`, undefined, { bearer: token }), passkeyParams(home.slug, added.id));
    expect(removed.status).toBe(204);
    const after = await json(await listPasskeys(request("GET", home.slug, "passkeys", undefined, { bearer: token }), params(home.slug)), passkeyListResponseSchema);
    expect(after.passkeys.map((p) => p.id)).not.toContain(added.id);
  });

  it("answers 401 without a session on the routes that need one", async () => {
    const answers = [
      await listPasskeys(request("GET", home.slug, "passkeys"), params(home.slug)),
      await registrationOptions(request("POST", home.slug, "passkeys/registration/options"), params(home.slug)),
      await registration(request("POST", home.slug, "passkeys/registration", { credential: {} }), params(home.slug)),
      await patchPasskey(request("PATCH", home.slug, "passkeys/x", { name: "x" }, { bearer: "y".repeat(43) }), passkeyParams(home.slug, "x")),
      await deletePasskey(request("DELETE", home.slug, "passkeys/x"), passkeyParams(home.slug, "x")),
    ];
    for (const answer of answers) {
      await problem(answer, 401, "unauthorized");
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="plinto"');
    }
  });

  it("refuses a replayed or foreign-origin assertion with one 401 and no session", async () => {
    const { token } = await signedIn();
    const { authenticator } = await register(home.slug, token);
    const credential = await signInAnswer(home.slug, authenticator);
    expect((await authentication(request("POST", home.slug, "passkeys/authentication", { credential }), params(home.slug))).status).toBe(200);
    const replay = await problem(await authentication(request("POST", home.slug, "passkeys/authentication", { credential }), params(home.slug)), 401, "invalid_passkey");
    const foreign = await problem(
      await authentication(request("POST", home.slug, "passkeys/authentication", { credential: await signInAnswer(home.slug, authenticator, "https://evil.example") }), params(home.slug)),
      401,
      "invalid_passkey",
    );
    // One answer whatever the reason, naming none.
    expect(foreign).toEqual(replay);
    expect(JSON.stringify(replay)).not.toMatch(/challenge|origin|counter|credential/i);
  });

  it("does not sign in to another tenant with this tenant's passkey", async () => {
    const { token } = await signedIn();
    const { authenticator } = await register(home.slug, token);
    const credential = await signInAnswer(elsewhere.slug, authenticator);
    await problem(await authentication(request("POST", elsewhere.slug, "passkeys/authentication", { credential }), params(elsewhere.slug)), 401, "invalid_passkey");
  });

  it("needs a recent sign-in to add or remove, and keeps other people's passkeys out of reach", async () => {
    const fresh = await signedIn();
    const { added } = await register(home.slug, fresh.token);
    const stale = await signedIn(home, 6);
    await problem(
      await registrationOptions(request("POST", home.slug, "passkeys/registration/options", undefined, { bearer: stale.token }), params(home.slug)),
      403,
      "reauthentication_required",
    );
    // Someone else's passkey, or no passkey id at all, is not found; for the owner with a stale sign-in, it needs a new one.
    await problem(await deletePasskey(request("DELETE", home.slug, `passkeys/${added.id}`, undefined, { bearer: stale.token }), passkeyParams(home.slug, added.id)), 404, "not_found");
    await problem(
      await patchPasskey(request("PATCH", home.slug, `passkeys/${added.id}`, { name: "Mine now" }, { bearer: stale.token }), passkeyParams(home.slug, added.id)),
      404,
      "not_found",
    );
    await problem(await deletePasskey(request("DELETE", home.slug, "passkeys/registration", undefined, { bearer: fresh.token }), passkeyParams(home.slug, "registration")), 404, "not_found");
    await database.db.update(sessions).set({ authTime: new Date(Date.now() - 10 * 60_000) }).where(eq(sessions.userId, fresh.user.id));
    await problem(
      await deletePasskey(request("DELETE", home.slug, `passkeys/${added.id}`, undefined, { bearer: fresh.token }), passkeyParams(home.slug, added.id)),
      403,
      "reauthentication_required",
    );
  });

  it("validates bodies against the contract", async () => {
    const { token } = await signedIn();
    const bad = await problem(
      await authentication(request("POST", home.slug, "passkeys/authentication", { credential: { id: "not base64url!", rawId: "x", type: "public-key", response: {} } }), params(home.slug)),
      400,
      "validation_failed",
    );
    expect(bad.errors?.map((e) => e.path)).toContain("credential.id");
    await problem(
      await authentication(new Request(`${runtime.config.publicUrl}/v1/tenants/${home.slug}/auth/passkeys/authentication`, { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }), params(home.slug)),
      415,
      "unsupported_media_type",
    );
    const { added } = await register(home.slug, token);
    const longName = await problem(
      await patchPasskey(request("PATCH", home.slug, `passkeys/${added.id}`, { name: "x".repeat(65) }, { bearer: token }), passkeyParams(home.slug, added.id)),
      400,
      "validation_failed",
    );
    expect(longName.errors?.[0]?.path).toBe("name");
    await problem(await authenticationOptions(request("POST", "no-such-tenant", "passkeys/authentication/options"), params("no-such-tenant")), 404, "not_found");
  });

  it("completes a sign-in waiting for its second factor with a passkey: a sign-in's answer and cookie", async () => {
    const { user, token } = await signedIn();
    const { authenticator } = await register(home.slug, token);
    const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, home.id));
    const outcome = await database.db.transaction((tx) => afterFirstFactor(tx, { actor: { type: "user" } }, { tenant: tenant!, user, amr: ["pwd"] }));
    const { challengeToken } = outcome as MfaRequired;
    expect(outcome.status).toBe("mfa_required");

    const options = await json(
      await secondFactorOptions(request("POST", home.slug, "passkeys/second-factor/options", { challengeToken }), params(home.slug)),
      passkeyAuthenticationOptionsSchema,
    );
    expect(options.allowCredentials).toHaveLength(1);
    const wrong = authenticator.authenticate(options, { origin: "https://evil.example" });
    await problem(await secondFactor(request("POST", home.slug, "passkeys/second-factor", { challengeToken, credential: wrong }), params(home.slug)), 401, "invalid_passkey");

    const fresh = authenticator.authenticate(
      await json(await secondFactorOptions(request("POST", home.slug, "passkeys/second-factor/options", { challengeToken }), params(home.slug)), passkeyAuthenticationOptionsSchema),
      { origin: ORIGIN },
    );
    const response = await secondFactor(request("POST", home.slug, "passkeys/second-factor", { challengeToken, credential: fresh }), params(home.slug));
    const body = await json(response, signedInResultSchema);
    expect(body).toMatchObject({ status: "signed_in", user: { id: user.id }, session: { amr: ["pwd", "hwk", "user", "mfa"] } });
    expect(response.headers.get("set-cookie")).toContain(`${SESSION_COOKIE}=${body.sessionToken}`);

    // Spent: the same pending sign-in cannot be completed again.
    await problem(await secondFactorOptions(request("POST", home.slug, "passkeys/second-factor/options", { challengeToken }), params(home.slug)), 401, "unauthorized");
  });
});
