import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { contextFromHeaders, INTERACTION_COOKIE, SESSION_COOKIE, tenantCookieOptions } from "../../../../../lib/request";
import { getRuntime } from "../../../../../lib/runtime";
import type { RequestContext } from "../../../../../services/context";
import { INTERACTION_UID, interactionPath, pendingInteraction } from "../../../../../services/oidc/interactions";
import { resolveSession } from "../../../../../services/sessions/sessions";
import { displayNameOf, findTenantBySlug, TENANT_SLUG } from "../../../../../services/tenants/tenants";
import { policyForTenant } from "../../../../../services/users/password-policy";
import { brandStyle, safeLogoUrl } from "./branding";
import { checkEmail } from "./forms";

/** The hosted pages of a tenant, by name; mails link to exactly these paths. */
export type HostedPage =
  | "sign-in"
  | "sign-up"
  | "verify"
  | "forgot-password"
  | "reset-password"
  | "magic-link"
  | "signed-in"
  | "consent"
  | "mfa"
  | "mfa/enrol"
  | "impersonate";

export function hostedPath(tenantSlug: string, page: HostedPage): `/t/${string}` {
  return `/t/${tenantSlug}/${page}`;
}

/**
 * The tenant a hosted page belongs to, with its branding checked, or undefined when there is no
 * active tenant by that name. Cached per request: the layout, the metadata and the page share it.
 */
export const loadHostedTenant = cache(async (slug: string) => {
  if (!TENANT_SLUG.test(slug)) return undefined;
  const { database } = await getRuntime();
  const tenant = await findTenantBySlug(database.db, slug);
  if (!tenant || tenant.status !== "active") return undefined;
  return {
    id: tenant.id,
    slug: tenant.slug,
    displayName: displayNameOf(tenant),
    logoUrl: safeLogoUrl(tenant.settings.branding?.logoUrl),
    style: brandStyle(tenant.settings.branding?.primaryColor),
    passwordMinLength: policyForTenant(tenant.settings).minLength,
  };
});

export type HostedTenant = NonNullable<Awaited<ReturnType<typeof loadHostedTenant>>>;

/** The tenant, or the 404 page: an unknown or suspended tenant has no hosted pages. */
export async function requireHostedTenant(slug: string): Promise<HostedTenant> {
  const tenant = await loadHostedTenant(slug);
  if (!tenant) notFound();
  return tenant;
}

/**
 * The request context of a server action: the client address the API's own server stamped on the
 * request (see lib/request.ts) and the user agent, for rate limits and the audit log.
 */
export async function hostedContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}

export async function setSessionCookie(publicUrl: string, tenantSlug: string, token: string, maxAgeSeconds: number) {
  (await cookies()).set(SESSION_COOKIE, token, tenantCookieOptions(publicUrl, tenantSlug, maxAgeSeconds));
}

export async function clearSessionCookie(publicUrl: string, tenantSlug: string) {
  (await cookies()).set(SESSION_COOKIE, "", tenantCookieOptions(publicUrl, tenantSlug, 0));
}

/** The live session the browser's cookie names in this tenant, with its user, or undefined. */
export async function currentSession(tenant: HostedTenant) {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return undefined;
  const { database } = await getRuntime();
  return resolveSession(database.db, tenant.id, token);
}

/**
 * The address someone just signed up with (or tried to sign in with before confirming it), so the
 * verify and sign-in pages can fill it in without putting it in a URL. HttpOnly, an hour, this
 * tenant's pages only; cleared at sign-in.
 */
export const PENDING_EMAIL_COOKIE = "plinto_pending_email";
const PENDING_EMAIL_SECONDS = 3600;

export async function rememberPendingEmail(publicUrl: string, tenantSlug: string, email: string) {
  (await cookies()).set(PENDING_EMAIL_COOKIE, email, tenantCookieOptions(publicUrl, tenantSlug, PENDING_EMAIL_SECONDS));
}

export async function pendingEmail(): Promise<string | undefined> {
  const checked = checkEmail((await cookies()).get(PENDING_EMAIL_COOKIE)?.value ?? "");
  return checked.ok ? checked.value : undefined;
}

export async function forgetPendingEmail(publicUrl: string, tenantSlug: string) {
  const jar = await cookies();
  if (jar.has(PENDING_EMAIL_COOKIE)) jar.set(PENDING_EMAIL_COOKIE, "", tenantCookieOptions(publicUrl, tenantSlug, 0));
}

/**
 * Where a browser goes once signed in: back to the application's pending sign-in request when it
 * came from one (the provider's interaction, whose uid the interaction step left in a cookie),
 * otherwise to the tenant's signed-in page.
 */
export async function afterSignInPath(publicUrl: string, tenantSlug: string): Promise<string> {
  const jar = await cookies();
  const uid = jar.get(INTERACTION_COOKIE)?.value;
  if (uid === undefined) return hostedPath(tenantSlug, "signed-in");
  jar.set(INTERACTION_COOKIE, "", tenantCookieOptions(publicUrl, tenantSlug, 0));
  return INTERACTION_UID.test(uid) ? interactionPath(tenantSlug, uid) : hostedPath(tenantSlug, "signed-in");
}

/** The application sign-in request a hosted page was opened for (`?interaction=`), if still pending. */
export async function hostedInteraction(tenant: HostedTenant, uid: unknown) {
  if (typeof uid !== "string" || !INTERACTION_UID.test(uid)) return undefined;
  const { database } = await getRuntime();
  return pendingInteraction(database.db, tenant.id, uid);
}
