import type { AuthOptions, CookiesOptions, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { apiResource, apiTokenFromSignIn, withApiToken } from "./api-token";
import type { AuthEnv } from "./env";

/** The sites that sign in through the platform tenant; each is its own application there. */
export type AuthSite = "admin" | "app";

/** The next-auth provider id; the seeded redirect URIs end in `/api/auth/callback/plinto`. */
export const PROVIDER_ID = "plinto";

/** What the provider's ID token and userinfo endpoint tell us about the user. */
export interface PlintoProfile extends Profile {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
}

/**
 * The platform tenant as a next-auth OpenID Connect provider: authorization code flow with PKCE
 * (S256) and state, the client secret in HTTP Basic, and the ID token validated by openid-client.
 * The access token is for Plinto's API (`resource`, see api-token.ts), which the userinfo endpoint
 * does not take, so the profile claims are asked for in the ID token itself (the `claims`
 * parameter, OIDC Core §5.5) and the profile is the validated ID token.
 */
export function plintoProvider(env: AuthEnv): OAuthConfig<PlintoProfile> {
  return {
    id: PROVIDER_ID,
    name: "Plinto",
    type: "oauth",
    wellKnown: `${env.issuer}/.well-known/openid-configuration`,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: {
      params: {
        scope: "openid profile email offline_access",
        // offline_access is granted only with consent (OIDC Core §11); first-party sites consent silently.
        prompt: "consent",
        resource: apiResource(env),
        claims: JSON.stringify({ id_token: { email: null, email_verified: null, name: null, picture: null } }),
      },
    },
    client: { token_endpoint_auth_method: "client_secret_basic" },
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    userinfo: {
      async request({ tokens }) {
        // next-auth types these as plain parameters; at run time they are openid-client's TokenSet.
        return (tokens as unknown as { claims(): PlintoProfile }).claims();
      },
    },
    profile(profile): User {
      return { id: profile.sub, name: profile.name ?? null, email: profile.email ?? null, image: profile.picture ?? null };
    },
  };
}

/**
 * Cookie names of their own per site: browsers do not separate cookies by port, so on
 * `localhost` the admin dashboard and the account portal would otherwise overwrite each other's
 * session. Same attributes as next-auth's defaults (`__Secure-` / `__Host-` over https).
 */
export function siteCookies(site: AuthSite, secure: boolean): CookiesOptions {
  const prefix = secure ? "__Secure-" : "";
  const base = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  const flow = { ...base, maxAge: 15 * 60 };
  return {
    sessionToken: { name: `${prefix}plinto-${site}.session-token`, options: base },
    callbackUrl: { name: `${prefix}plinto-${site}.callback-url`, options: base },
    csrfToken: { name: `${secure ? "__Host-" : ""}plinto-${site}.csrf-token`, options: base },
    pkceCodeVerifier: { name: `${prefix}plinto-${site}.pkce.code_verifier`, options: flow },
    state: { name: `${prefix}plinto-${site}.state`, options: flow },
    nonce: { name: `${prefix}plinto-${site}.nonce`, options: base },
  };
}

/** The session JWT (encrypted in the cookie, never sent to the browser as JSON) keeps the ID token for sign-out. */
declare module "next-auth/jwt" {
  interface JWT {
    idToken?: string;
  }
}

/**
 * next-auth's options for one site. Sessions are JWTs in an encrypted cookie (no database: only
 * the API opens one). The ID token stays in that JWT so sign-out can name the session to the
 * provider (`id_token_hint`); the session the pages and `/api/auth/session` see has only the
 * user's name, email and picture. next-auth's own pages are never shown: sign-in starts from a
 * button on the site, and errors come back to its first page as `?error=…`.
 */
export function authOptions(site: AuthSite, env: AuthEnv, log: (line: string) => void = (line) => console.error(line)): AuthOptions & { cookies: CookiesOptions } {
  return {
    secret: env.secret,
    providers: [plintoProvider(env)],
    session: { strategy: "jwt" },
    cookies: siteCookies(site, env.siteUrl.startsWith("https://")),
    pages: { signIn: "/", signOut: "/", error: "/" },
    // One line per problem, never the metadata objects (which can hold a provider's answer).
    logger: {
      error(code, metadata) {
        log(`plinto-${site}: sign-in error ${code}: ${describeProblem(metadata)}`);
      },
      warn(code) {
        log(`plinto-${site}: sign-in warning ${code}`);
      },
      debug() {},
    },
    callbacks: {
      // Refreshing is the proxy's job (it can write the rotated refresh token back to the cookie).
      jwt({ token, account }) {
        if (account?.provider !== PROVIDER_ID) return token;
        if (typeof account.id_token === "string") token.idToken = account.id_token;
        return withApiToken(token, apiTokenFromSignIn(account));
      },
      session({ session, token }) {
        session.user = { name: token.name ?? null, email: token.email ?? null, image: token.picture ?? null };
        return session;
      },
    },
  };
}

function describeProblem(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  if (metadata && typeof metadata === "object") {
    const { error, message } = metadata as { error?: unknown; message?: unknown };
    if (error instanceof Error) return error.message;
    if (typeof message === "string") return message;
  }
  return "no details";
}
