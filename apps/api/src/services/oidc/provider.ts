import { createHmac } from "node:crypto";
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { Db } from "@plinto/db";
import type { applications } from "@plinto/db/schema";
import type { Config } from "../../lib/config";
import { signOut } from "../auth/auth";
import { findApplicationByClientId, verifyClientSecret } from "../applications/applications";
import { impersonationActClaim } from "../impersonation/impersonation";
import { resolveSession } from "../sessions/sessions";
import { findUserById } from "../users/users";
import { tenantAdapterFactory } from "./adapter";
import { findUserOrganization, sessionOrganizationChoice, switchOrganization } from "../organizations/active";
import { ACR, CLAIMS_BY_SCOPE, grantsOrganizations, OIDC_SCOPES, ORGANIZATION_CLAIMS, organizationClaims, userClaims } from "./claims";
import { rememberedScopes } from "./consents";
import { interactionPath } from "./interactions";
import { deviceCodePage, errorPage, logoutPage, logoutSuccessPage, userCodePage, deviceSuccessPage } from "./pages";
import { CLIENT_IP_HEADER, SESSION_COOKIE } from "../../lib/request";

type Application = typeof applications.$inferSelect;

export interface ProviderTenant {
  id: string;
  slug: string;
  name: string;
}

export interface ProviderKeystore {
  keys: Record<string, unknown>[];
  activeAlg: string | undefined;
}

/** Lifetimes the provider applies where an application does not set its own (seconds). */
export const LIFETIMES = {
  authorizationCode: 60,
  idToken: 3600,
  deviceCode: 600,
  interaction: 3600,
  providerSession: 14 * 86_400,
  grant: 365 * 86_400,
} as const;

/** The endpoint paths under the issuer; discovery publishes them, the server routes them here. */
export const PROVIDER_ROUTES = {
  authorization: "/authorize",
  token: "/token",
  userinfo: "/userinfo",
  introspection: "/token/introspection",
  revocation: "/token/revocation",
  end_session: "/logout",
  device_authorization: "/device/auth",
  code_verification: "/device",
  // Served by the API's own route (it also creates a new tenant's first keys); published here.
  jwks: "/.well-known/jwks.json",
} as const;

/**
 * The resource indicator (RFC 8707) of Plinto's own API: an access token requested for it is a
 * signed JWT (RFC 9068, `typ: at+jwt`, `aud` = this URL) that the API and the SDK verify against
 * the tenant's JWKS. Without a `resource`, access tokens stay opaque and serve userinfo.
 */
export const apiResource = (publicUrl: string) => `${publicUrl}/v1`;

/** Client metadata extensions Plinto keeps per application. */
const EXTRA_METADATA = ["first_party", "access_token_ttl", "refresh_token_ttl", "application_id"] as const;

function clientMetadata(app: Application, idTokenAlg: string | undefined) {
  const method = app.tokenEndpointAuthMethod;
  return {
    client_id: app.clientId,
    client_name: app.name,
    ...(app.logoUri ? { logo_uri: app.logoUri } : {}),
    application_type: app.type === "native" ? "native" : "web",
    token_endpoint_auth_method: method,
    // The hash stands where the provider expects the secret; compareClientSecret below hashes
    // what the client presents. Symmetric (HS*) algorithms are disabled, so it is never a key.
    ...(method === "client_secret_basic" || method === "client_secret_post" ? { client_secret: app.clientSecretHash ?? "" } : {}),
    ...(method === "private_key_jwt" && app.jwks ? { jwks: app.jwks } : {}),
    redirect_uris: app.redirectUris,
    post_logout_redirect_uris: app.postLogoutRedirectUris,
    grant_types: app.grantTypes,
    response_types: app.grantTypes.includes("authorization_code") ? ["code"] : [],
    scope: app.allowedScopes.join(" "),
    ...(idTokenAlg ? { id_token_signed_response_alg: idTokenAlg } : {}),
    require_auth_time: true,
    first_party: app.firstParty,
    access_token_ttl: app.accessTokenTtlSeconds,
    refresh_token_ttl: app.refreshTokenTtlSeconds,
    application_id: app.id,
  };
}

/** Keys that sign the provider's cookies: per tenant, derived from the master secret. */
function cookieKeys(secret: string, tenantId: string) {
  return [createHmac("sha256", secret).update(`oidc-cookies:${tenantId}`).digest("base64url")];
}

function sessionTokenFromCookie(header: string | undefined) {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || undefined;
  }
  return undefined;
}

/** The tenant's IdP session (our session cookie) behind a provider request, if it is live. */
export async function liveSession(db: Db, tenantId: string, cookieHeader: string | undefined) {
  const token = sessionTokenFromCookie(cookieHeader);
  return token ? resolveSession(db, tenantId, token) : undefined;
}

/**
 * One tenant's OpenID Provider (panva's oidc-provider, OpenID Certified). Its state lives in
 * `oidc_models` through the tenant-scoped adapter; applications come from the applications table;
 * users are Plinto users of this tenant; sign-in and consent happen on the hosted pages.
 */
export function createTenantProvider(input: { db: Db; config: Config; tenant: ProviderTenant; keystore: ProviderKeystore }) {
  const { db, config, tenant, keystore } = input;
  const issuer = `${config.publicUrl}/t/${tenant.slug}`;
  const storage = tenantAdapterFactory(db, tenant.id);

  const adapter = (model: string) => {
    if (model !== "Client") return storage(model);
    return {
      async find(clientId: string) {
        const app = await findApplicationByClientId(db, tenant.id, clientId);
        return app ? clientMetadata(app, keystore.activeAlg) : undefined;
      },
      async upsert() {
        throw new Error("applications are managed through /v1/applications");
      },
      async destroy() {},
      async consume() {},
      async findByUid() {
        return undefined;
      },
      async findByUserCode() {
        return undefined;
      },
      async revokeByGrantId() {},
    };
  };

  const basePolicy = interactionPolicy.base();
  const login = basePolicy.get("login")!;
  // The provider's own session is only a cache of ours: when the user signed out of the tenant
  // (or was blocked, or the session was revoked), the provider must ask them to sign in again.
  login.checks.add(
    new interactionPolicy.Check("plinto_session", "End-User authentication is required", "login_required", async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT; // no_session asks already
      const live = await liveSession(db, tenant.id, ctx.get("cookie"));
      if (live?.user.id !== accountId) return interactionPolicy.Check.REQUEST_PROMPT;
      // The sign-in's `sid` is our session's id: codes and tokens carry it, so claims computed at
      // issue time (the active organization) read the tenant session behind them.
      const clientId = ctx.oidc.client?.clientId;
      if (clientId && ctx.oidc.session!.sidFor(clientId) !== live.session.id) ctx.oidc.session!.sidFor(clientId, live.session.id);
      await chooseRequestedOrganization(ctx, live);
      return interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );

  /**
   * `organization=<id or slug>` on an authorization request makes that organization the session's
   * active one, if the user is a member (audited, like the switch route). Any other value is
   * ignored, not an error: the sign-in goes on in the organization the session already had.
   */
  async function chooseRequestedOrganization(ctx: KoaContextWithOIDC, live: NonNullable<Awaited<ReturnType<typeof liveSession>>>) {
    const requested = ctx.oidc.params?.organization;
    if (typeof requested !== "string" || requested.length === 0 || requested.length > 200) return;
    const who = { tenantId: tenant.id, userId: live.user.id };
    const organization = await findUserOrganization(db, { ...who, organization: requested });
    if (!organization) return;
    const current = await sessionOrganizationChoice(db, { ...who, sessionId: live.session.id });
    if (current === organization.id) return;
    const ipAddress = ctx.get(CLIENT_IP_HEADER) || undefined;
    await db.transaction((tx) =>
      switchOrganization(tx, { actor: { type: "user", id: live.user.id }, ipAddress }, { ...who, sessionId: live.session.id, organizationId: organization.id }),
    );
  }

  /** The tenant session a token, code or provider sign-in came from (its `sid`, see the check above). */
  const sessionIdOf = (ctx: KoaContextWithOIDC | undefined, token: unknown) => {
    const sid = (token as { sid?: unknown } | undefined)?.sid;
    if (typeof sid === "string") return sid;
    const clientId = ctx?.oidc?.client?.clientId;
    return clientId ? ctx?.oidc?.session?.sidFor(clientId) : undefined;
  };

  /** Who really acts when the token's session is an impersonation (RFC 8693 `act`), else undefined. */
  const actClaim = (sessionId: string | undefined) => impersonationActClaim(db, { publicUrl: config.publicUrl, tenantId: tenant.id, sessionId });

  const ttlOf = (client: unknown, key: "access_token_ttl" | "refresh_token_ttl", fallback: number) => {
    const value = (client as Record<string, unknown> | undefined)?.[key];
    return typeof value === "number" ? value : fallback;
  };

  const configuration: Configuration = {
    adapter: adapter as unknown as Configuration["adapter"],
    clients: [],
    jwks: { keys: keystore.keys } as Configuration["jwks"],
    routes: PROVIDER_ROUTES,
    scopes: [...OIDC_SCOPES],
    extraParams: ["organization"],
    claims: { ...CLAIMS_BY_SCOPE } as unknown as Configuration["claims"],
    acrValues: [ACR.singleFactor, ACR.multiFactor],
    clientAuthMethods: ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"],
    enabledJWA: {
      idTokenSigningAlgValues: ["RS256", "ES256", "EdDSA"],
      clientAuthSigningAlgValues: ["RS256", "PS256", "ES256", "EdDSA"],
      requestObjectSigningAlgValues: ["RS256", "PS256", "ES256", "EdDSA"],
      userinfoSigningAlgValues: ["RS256", "ES256", "EdDSA"],
      introspectionSigningAlgValues: ["RS256", "ES256", "EdDSA"],
      authorizationSigningAlgValues: ["RS256", "ES256", "EdDSA"],
    },
    extraClientMetadata: { properties: [...EXTRA_METADATA] },
    responseTypes: ["code"],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    rotateRefreshToken: true,
    cookies: {
      keys: cookieKeys(config.secret, tenant.id),
      long: { httpOnly: true, sameSite: "lax", path: `/t/${tenant.slug}`, signed: true, secure: config.publicUrl.startsWith("https:") },
      short: { httpOnly: true, sameSite: "lax", path: `/t/${tenant.slug}`, signed: true, secure: config.publicUrl.startsWith("https:") },
      names: { session: "plinto_op_session", interaction: "plinto_op_interaction", resume: "plinto_op_resume" },
    },
    ttl: {
      AccessToken: (_ctx, _token, client) => ttlOf(client, "access_token_ttl", 3600),
      ClientCredentials: (_ctx, _token, client) => ttlOf(client, "access_token_ttl", 3600),
      AuthorizationCode: LIFETIMES.authorizationCode,
      IdToken: LIFETIMES.idToken,
      DeviceCode: LIFETIMES.deviceCode,
      Interaction: LIFETIMES.interaction,
      Session: LIFETIMES.providerSession,
      Grant: LIFETIMES.grant,
      // Rotation never extends a family: a rotated token lives only as long as its parent had left.
      RefreshToken: (ctx, token, client) => {
        const rotated = ctx?.oidc.entities.RotatedRefreshToken;
        if (rotated) return rotated.remainingTTL;
        return ttlOf(client, "refresh_token_ttl", 30 * 86_400);
      },
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== apiResource(config.publicUrl)) throw new errors.InvalidTarget();
          return {
            scope: "",
            audience: indicator,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: (keystore.activeAlg ?? "RS256") as "RS256" } },
          };
        },
      },
      claimsParameter: { enabled: true },
      clientCredentials: { enabled: true },
      // A client learns about, and ends, only tokens issued to it: applications of one tenant do
      // not see each other's users through introspection (Plinto's API verifies its JWTs itself).
      introspection: { enabled: true, allowedPolicy: async (ctx, _client, token) => token.clientId === ctx.oidc.client?.clientId },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === "none") return false;
          throw new errors.InvalidRequest("client is not authorized to revoke the presented token");
        },
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(tenant, form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = logoutSuccessPage(tenant);
        },
      },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: async (ctx, form, _out, error) => {
          ctx.body = userCodePage(tenant, form, error ? "That code is not valid or has expired. Check it and try again." : undefined);
        },
        userCodeConfirmSource: async (ctx, form, client, _deviceInfo, userCode) => {
          ctx.body = deviceCodePage(tenant, form, String(client.clientName ?? client.clientId), userCode);
        },
        successSource: async (ctx) => {
          ctx.body = deviceSuccessPage(tenant);
        },
      },
    },
    interactions: {
      policy: basePolicy,
      url: (_ctx, interaction) => interactionPath(tenant.slug, interaction.uid),
    },
    findAccount: async (ctx, sub, token) => {
      const user = await findUserById(db, tenant.id, sub);
      if (!user || user.status !== "active") return undefined;
      return {
        accountId: user.id,
        // Organization claims are read from the database at every issue, only when the scope asks.
        // `act` (an impersonated session) goes into the ID token only: see the payload below.
        claims: async (use, scope) => {
          const sessionId = sessionIdOf(ctx, token);
          const act = use === "id_token" ? await actClaim(sessionId) : undefined;
          return {
            ...userClaims(user),
            ...(grantsOrganizations(scope) ? await organizationClaims(db, { tenantId: tenant.id, userId: user.id, sessionId }) : {}),
            ...(act ? { act } : {}),
          };
        },
      };
    },
    // Plinto's API reads from its access tokens (RFC 9068 JWTs for the `{publicUrl}/v1` resource)
    // the tenant session they came from (`sid`: ending that session ends what the token may do to
    // the account) and the active organization, computed at every issue so a refresh reflects
    // switches and removals. An access token from an impersonated session says so (`act`, RFC 8693
    // §4.1) whatever its audience: in the JWT for the API, and in introspection of an opaque one.
    extraTokenClaims: async (ctx, token) => {
      if (token.kind !== "AccessToken" || !token.accountId) return undefined;
      const sessionId = sessionIdOf(ctx, token);
      const act = await actClaim(sessionId);
      const acting = act ? { act } : undefined;
      const audience = (token as unknown as { aud?: string | string[] }).aud;
      const audiences = Array.isArray(audience) ? audience : audience ? [audience] : [];
      if (!audiences.includes(apiResource(config.publicUrl))) return acting;
      const { entities, params } = ctx.oidc;
      const source = entities.AuthorizationCode ?? entities.RefreshToken ?? entities.DeviceCode;
      const scopes = params?.scope ? ctx.oidc.requestParamScopes : source?.scopes;
      const organizations = grantsOrganizations(scopes)
        ? await organizationClaims(db, { tenantId: tenant.id, userId: token.accountId, sessionId })
        : undefined;
      const { organizations: _all, ...active } = organizations ?? {};
      return { ...(sessionId ? { sid: sessionId } : {}), ...active, ...acting };
    },
    // First-party applications, and third-party ones the user already allowed these scopes, get
    // their grant without a consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const client = oidc.client!;
      const metadata = client as unknown as Record<string, unknown>;
      const accountId = oidc.session!.accountId!;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(client.clientId);
      const found = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      const existing = found?.accountId === accountId && found.clientId === client.clientId ? found : undefined;
      const requested = [...(oidc.requestParamOIDCScopes ?? [])];
      const allowed =
        metadata.first_party === true
          ? new Set(requested)
          : await rememberedScopes(db, { tenantId: tenant.id, userId: accountId, applicationId: String(metadata.application_id) });
      if (!requested.every((scope) => allowed.has(scope))) return existing;
      const grant = existing ?? new oidc.provider.Grant({ accountId, clientId: client.clientId });
      grant.addOIDCScope(requested.join(" "));
      const claims = [...(oidc.requestParamClaims ?? [])];
      if (claims.length > 0) grant.addOIDCClaims(claims);
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage(tenant, out.error, out.error_description);
    },
    conformIdTokenClaims: true,
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = true;

  const Client = provider.Client as unknown as { prototype: { compareClientSecret(actual: string): Promise<boolean>; clientSecret?: string } };
  Client.prototype.compareClientSecret = async function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    return verifyClientSecret({ clientSecretHash: this.clientSecret ?? null }, actual);
  };
  // The organization claims describe the sign-in, like acr and amr: the ID token carries them when
  // the scope is granted, also where conformIdTokenClaims leaves profile claims to userinfo. They
  // are only available when the scope asked for them (see findAccount). So does `act`, which no
  // scope releases: findAccount offers it for the ID token of an impersonated session only.
  const IdTokenProto = provider.IdToken.prototype as unknown as {
    payload(this: { available: Record<string, unknown> }): Promise<Record<string, unknown>>;
  };
  const idTokenPayload = IdTokenProto.payload;
  IdTokenProto.payload = async function payload(this: { available: Record<string, unknown> }) {
    const result = await idTokenPayload.call(this);
    for (const claim of [...ORGANIZATION_CLAIMS, "act"]) {
      if (result[claim] === undefined && this.available[claim] !== undefined) result[claim] = this.available[claim];
    }
    return result;
  };
  // Every ID token names the session it came from (`sid`), not only for back-channel logout clients.
  (provider.Client.prototype as unknown as { includeSid(): boolean }).includeSid = () => true;
  // Redirect URIs match exactly, byte for byte, for every kind of client (no loopback port leeway).
  const ClientProto = provider.Client.prototype as unknown as {
    redirectUriAllowed(uri: string): boolean;
    postLogoutRedirectUriAllowed(uri: string): boolean;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
  };
  ClientProto.redirectUriAllowed = function (this: typeof ClientProto, uri: string) {
    return this.redirectUris.includes(uri);
  };
  ClientProto.postLogoutRedirectUriAllowed = function (this: typeof ClientProto, uri: string) {
    return this.postLogoutRedirectUris.includes(uri);
  };

  // RP-initiated logout signs the user out of the tenant, not only out of the provider: the IdP
  // session ends and its cookie goes, or the next authorization would sign them straight back in.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== "end_session_confirm" || !ctx.oidc.params?.logout || ctx.status !== 303) return;
    const sessionToken = sessionTokenFromCookie(ctx.get("cookie"));
    if (sessionToken) await signOut(db, { actor: { type: "user" }, ipAddress: ctx.get(CLIENT_IP_HEADER) || undefined }, { tenantSlug: tenant.slug, sessionToken });
    ctx.cookies.set(SESSION_COOKIE, "", { path: `/t/${tenant.slug}`, httpOnly: true, sameSite: "lax", expires: new Date(0) });
  });

  // The provider logs nothing itself. Its internal errors are logged with long token-like runs
  // masked, so a code, token or key that found its way into a message never reaches the log.
  provider.on("server_error", (_ctx, error) => {
    const message = error.message.split("\n")[0]!.replace(/[\w-]{20,}/g, "[redacted]").slice(0, 300);
    console.error(`plinto-api: oidc server_error in tenant ${tenant.slug}: ${error.name}: ${message}`);
  });

  return provider;
}
