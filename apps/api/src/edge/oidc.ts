import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { CLIENT_IP_HEADER, INTERACTION_COOKIE, tenantCookieOptions } from "../lib/request";
import type { Runtime } from "../lib/runtime";
import { findApplicationByClientId } from "../services/applications/applications";
import { ensureSigningKeys, keystoreFingerprint, providerKeystore } from "../services/keys/keys";
import { rememberConsent } from "../services/oidc/consents";
import { interactionStartedAt, loginDecision, missingScopes, type InteractionView } from "../services/oidc/interactions";
import { errorPage } from "../services/oidc/pages";
import { createTenantProvider, liveSession } from "../services/oidc/provider";
import { displayNameOf, findTenantBySlug, TENANT_SLUG } from "../services/tenants/tenants";
import { systemContext } from "../services/context";

/** Protocol paths under `/t/{tenant}/` that belong to the OpenID Provider. */
const PROVIDER_PATH =
  /^\/(?:\.well-known\/openid-configuration|authorize(?:\/[\w-]+)?|token(?:\/introspection|\/revocation)?|userinfo|logout(?:\/confirm|\/success)?|device(?:\/auth|\/[\w-]+)?)$/;
const INTERACTION_PATH = /^\/interaction\/([\w-]{10,64})(\/consent)?$/;
const TENANT_PREFIX = /^\/t\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/;

interface CachedProvider {
  provider: Provider;
  /** The provider's request handler, composed once (Koa composes its middleware per call). */
  callback: ReturnType<Provider["callback"]>;
  fingerprint: string;
  tenant: { id: string; slug: string; name: string };
}

/**
 * The part of the API that runs outside Next: the tenant's OpenID Provider endpoints and the
 * interaction steps between the provider and the hosted pages. `handle` answers the request and
 * returns true when it is one of those; anything else is left to Next.
 */
export function createOidcEdge(runtime: Runtime) {
  const { db } = runtime.database;
  const { config } = runtime;
  const publicUrl = new URL(config.publicUrl);
  const cache = new Map<string, Promise<CachedProvider>>();

  async function build(tenant: CachedProvider["tenant"], fingerprint: string): Promise<CachedProvider> {
    const keystore = await providerKeystore(db, tenant.id, config.secret);
    const provider = createTenantProvider({ db, config, tenant, keystore });
    return { provider, callback: provider.callback(), fingerprint: keystore.fingerprint || fingerprint, tenant };
  }

  /** The tenant's provider, rebuilt when its signing keys changed (rotation) since it was made. */
  async function providerFor(slug: string): Promise<CachedProvider | undefined> {
    if (!TENANT_SLUG.test(slug)) return undefined;
    const row = await findTenantBySlug(db, slug);
    if (!row || row.status !== "active") return undefined;
    let fingerprint = await keystoreFingerprint(db, row.id);
    if (!fingerprint.includes(":active")) {
      await db.transaction((tx) => ensureSigningKeys(tx, systemContext, { tenantId: row.id, secret: config.secret }));
      fingerprint = await keystoreFingerprint(db, row.id);
    }
    const cached = cache.get(slug);
    if (cached) {
      const current = await cached.catch(() => undefined);
      if (current && current.fingerprint === fingerprint && current.tenant.id === row.id) return current;
    }
    const tenant = { id: row.id, slug: row.slug, name: displayNameOf(row) };
    const next = build(tenant, fingerprint);
    cache.set(slug, next);
    next.catch(() => cache.delete(slug));
    return next;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const match = TENANT_PREFIX.exec(req.url ?? "");
    if (!match) return false;
    const [, slug, rest = "/", query = ""] = match;
    const isProvider = PROVIDER_PATH.test(rest);
    const interaction = INTERACTION_PATH.exec(rest);
    if (!isProvider && !interaction) return false;

    const entry = await providerFor(slug!).catch((error: unknown) => {
      console.error(`plinto-api: could not load the provider of tenant ${slug}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    if (!entry) {
      sendHtml(res, 404, errorPage({ name: "Plinto" }, "not_found", "There is no tenant with this name"));
      return true;
    }

    // The provider builds every URL from the request: make it the public one, whatever the
    // client sent (forwarded headers are ours to set, never a caller's).
    req.headers.host = publicUrl.host;
    req.headers["x-forwarded-proto"] = publicUrl.protocol.slice(0, -1);
    delete req.headers["x-forwarded-host"];
    req.headers["x-forwarded-for"] = String(req.headers[CLIENT_IP_HEADER] ?? "");

    try {
      if (interaction) {
        await interactionStep(entry, req, res, interaction[1]!, Boolean(interaction[2]));
      } else {
        const original = req.url!;
        (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
        req.url = `${rest}${query}`;
        await entry.callback(req, res);
      }
    } catch (error) {
      console.error(`plinto-api: oidc ${error instanceof Error ? error.name : "error"} in tenant ${entry.tenant.slug}`);
      if (!res.headersSent) sendHtml(res, 500, errorPage(entry.tenant, "server_error", "Something went wrong on our side. Try again."));
    }
    return true;
  }

  async function interactionStep(entry: CachedProvider, req: IncomingMessage, res: ServerResponse, uid: string, isConsent: boolean) {
    const { provider, tenant } = entry;
    let details: InteractionView;
    try {
      details = (await provider.interactionDetails(req, res)) as unknown as InteractionView;
    } catch {
      sendHtml(res, 400, errorPage(tenant, "expired", "This sign-in request has expired or was started in another browser. Go back to the application and start again."));
      return;
    }
    if (details.uid !== uid) {
      sendHtml(res, 400, errorPage(tenant, "invalid_request", "This sign-in request does not match this browser."));
      return;
    }

    if (isConsent) {
      if (req.method !== "POST") return redirect(res, `/t/${tenant.slug}/consent?interaction=${uid}`);
      // A cross-site form must not answer for the user (the interaction cookie is Lax, but be sure).
      const origin = req.headers.origin;
      if (origin && origin !== publicUrl.origin) {
        sendHtml(res, 403, errorPage(tenant, "forbidden", "This answer did not come from this site."));
        return;
      }
      const form = new URLSearchParams(await readBody(req, 8 * 1024));
      if (form.get("decision") === "allow") return finishConsent(entry, req, res, details, true);
      await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The user did not allow the application" }, { mergeWithLastSubmission: false });
      return;
    }

    if (details.prompt.name === "login") {
      const live = await liveSession(db, tenant.id, req.headers.cookie);
      const decision = loginDecision({ ...details, startedAt: await interactionStartedAt(db, tenant.id, uid) }, live);
      if (decision.kind === "finish") {
        await provider.interactionFinished(req, res, { login: decision.login }, { mergeWithLastSubmission: false });
        return;
      }
      const cookie = tenantCookieOptions(config.publicUrl, tenant.slug, 3600);
      res.setHeader(
        "set-cookie",
        `${INTERACTION_COOKIE}=${uid}; Path=${cookie.path}; Max-Age=${cookie.maxAge}; HttpOnly; SameSite=Lax${cookie.secure ? "; Secure" : ""}`,
      );
      // A step-up keeps the session and asks for a second factor on the hosted MFA page.
      if (decision.kind === "step_up") return redirect(res, `/t/${tenant.slug}/mfa?interaction=${uid}&reason=step_up`);
      return redirect(res, `/t/${tenant.slug}/sign-in?interaction=${uid}${decision.why === "no_session" ? "" : `&reason=${decision.why}`}`);
    }

    if (details.prompt.name === "consent") {
      const clientId = String(details.params.client_id);
      const application = await findApplicationByClientId(db, tenant.id, clientId);
      if (application?.firstParty) return finishConsent(entry, req, res, details, false);
      return redirect(res, `/t/${tenant.slug}/consent?interaction=${uid}`);
    }

    await provider.interactionFinished(req, res, { error: "interaction_required", error_description: `unsupported prompt ${details.prompt.name}` }, { mergeWithLastSubmission: false });
  }

  /** Grants what the consent prompt asks for; a third-party application's grant is remembered. */
  async function finishConsent(entry: CachedProvider, req: IncomingMessage, res: ServerResponse, details: InteractionView, remember: boolean) {
    const { provider, tenant } = entry;
    const session = (details as unknown as { session?: { accountId?: string } }).session;
    const accountId = session?.accountId;
    const clientId = String(details.params.client_id);
    if (!accountId) {
      await provider.interactionFinished(req, res, { error: "login_required" }, { mergeWithLastSubmission: false });
      return;
    }
    const grantId = (details as unknown as { grantId?: string }).grantId;
    const grant = (grantId ? await provider.Grant.find(grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
    const scopes = missingScopes(details);
    if (scopes.length > 0) grant.addOIDCScope(scopes.join(" "));
    const claims = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(claims) && claims.length > 0) grant.addOIDCClaims(claims.map(String));
    const resourceScopes = details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
    for (const [indicator, list] of Object.entries(resourceScopes ?? {})) grant.addResourceScope(indicator, list.join(" "));
    const saved = await grant.save();
    if (remember) {
      const application = await findApplicationByClientId(db, tenant.id, clientId);
      const requested = typeof details.params.scope === "string" ? details.params.scope.split(" ").filter(Boolean) : scopes;
      if (application) {
        await db.transaction((tx) =>
          rememberConsent(tx, { actor: { type: "user", id: accountId }, ipAddress: String(req.headers[CLIENT_IP_HEADER] ?? "") || undefined }, {
            tenantId: tenant.id,
            userId: accountId,
            applicationId: application.id,
            scopes: requested,
          }),
        );
      }
    }
    await provider.interactionFinished(req, res, { consent: { grantId: saved } }, { mergeWithLastSubmission: true });
  }

  return { handle };
}

function redirect(res: ServerResponse, location: string) {
  res.statusCode = 303;
  res.setHeader("location", location);
  res.setHeader("cache-control", "no-store");
  res.end();
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(html);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
