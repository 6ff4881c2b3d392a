import type { Account, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import type { AuthEnv } from "./env";
import { authOptions, plintoProvider, siteCookies } from "./options";

const env: AuthEnv = {
  issuer: "http://localhost:4000/t/plinto",
  clientId: "plinto-app",
  clientSecret: "plinto_cs_x",
  secret: "s".repeat(40),
  siteUrl: "http://localhost:3003",
  apiUrl: "http://localhost:4000",
};

describe("plintoProvider", () => {
  it("is the platform tenant as an OIDC code-flow provider with PKCE, state and client_secret_basic", () => {
    expect(plintoProvider(env)).toMatchObject({
      id: "plinto",
      type: "oauth",
      wellKnown: "http://localhost:4000/t/plinto/.well-known/openid-configuration",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: {
        params: {
          scope: "openid profile email offline_access",
          prompt: "consent",
          resource: "http://localhost:4000/v1",
          claims: JSON.stringify({ id_token: { email: null, email_verified: null, name: null, picture: null } }),
        },
      },
      client: { token_endpoint_auth_method: "client_secret_basic" },
      clientId: "plinto-app",
      clientSecret: "plinto_cs_x",
    });
  });

  it("maps the profile to next-auth's user", async () => {
    const provider = plintoProvider(env);
    expect(await provider.profile({ sub: "usr_1", name: "Ada", email: "ada@example.com" }, {})).toEqual({
      id: "usr_1",
      name: "Ada",
      email: "ada@example.com",
      image: null,
    });
  });
});

describe("siteCookies", () => {
  it("gives each site its own names, since cookies are shared across ports", () => {
    const admin = siteCookies("admin", false);
    const app = siteCookies("app", false);
    expect(admin.sessionToken.name).toBe("plinto-admin.session-token");
    expect(app.sessionToken.name).toBe("plinto-app.session-token");
    for (const cookie of Object.values(admin)) expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
  });

  it("uses the __Secure- and __Host- prefixes over https", () => {
    const cookies = siteCookies("admin", true);
    expect(cookies.sessionToken.name).toBe("__Secure-plinto-admin.session-token");
    expect(cookies.csrfToken.name).toBe("__Host-plinto-admin.csrf-token");
    expect(cookies.state.options).toMatchObject({ secure: true, maxAge: 900 });
    expect(authOptions("admin", { ...env, siteUrl: "https://admin.example.com" }).cookies?.sessionToken?.name).toBe("__Secure-plinto-admin.session-token");
  });
});

describe("authOptions callbacks", () => {
  const options = authOptions("app", env, () => {});

  it("keeps the ID token in the JWT at sign-in and leaves it there afterwards", async () => {
    const jwt = options.callbacks!.jwt!;
    const account = { provider: "plinto", type: "oauth", providerAccountId: "usr_1", id_token: "eyJ.id.token" } as Account;
    const first = await jwt({ token: { sub: "usr_1", email: "ada@example.com" }, account, user: { id: "usr_1" }, trigger: "signIn" });
    expect(first.idToken).toBe("eyJ.id.token");
    const later = await jwt({ token: first, account: null, user: undefined as never });
    expect(later.idToken).toBe("eyJ.id.token");
  });

  it("gives the pages name, email and picture, never the ID token", async () => {
    const session = (await options.callbacks!.session!({
      session: { expires: "2030-01-01T00:00:00.000Z" } as Session,
      token: { sub: "usr_1", name: "Ada", email: "ada@example.com", picture: null, idToken: "eyJ.id.token" } as JWT,
      user: undefined as never,
      newSession: undefined,
      trigger: "update",
    })) as Session;
    expect(session.user).toEqual({ name: "Ada", email: "ada@example.com", image: null });
    expect(JSON.stringify(session)).not.toContain("eyJ");
  });

  it("never shows next-auth's own pages", () => {
    expect(options.pages).toEqual({ signIn: "/", signOut: "/", error: "/" });
  });
});
