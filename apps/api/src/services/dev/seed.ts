import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db, Executor } from "@plinto/db";
import { organizations, type ApplicationType } from "@plinto/db/schema";
import { systemContext } from "../context";
import { API_KEY_SCOPES, authenticateApiKey, createApiKey } from "../api-keys/api-keys";
import {
  createApplication,
  findApplicationByClientId,
  rotateApplicationSecret,
  updateApplication,
  verifyClientSecret,
} from "../applications/applications";
import { addMember, createOrganization, getMember } from "../organizations/organizations";
import { ensureBuiltInRoles } from "../organizations/roles";
import { ensureAdminOrganization, setTenantAdmin } from "../tenants/admins";
import { createTenant, findTenantBySlug } from "../tenants/tenants";
import { createUser, findUserByEmail, getPasswordHash, setPassword } from "../users/users";
import { verifyPassword } from "../../lib/password";

export const PLATFORM_TENANT = { slug: "plinto", name: "Plinto", kind: "platform" } as const;
export const DEMO_TENANT = { slug: "demo", name: "Demo", kind: "customer" } as const;
export const DEMO_USER = { email: "demo@example.com", name: "Demo User" } as const;
export const DEMO_ORGANIZATION = { name: "Acme", slug: "acme" } as const;
/** A second organization of the demo user (a plain member there), so the demo has one to switch to. */
export const DEMO_SECOND_ORGANIZATION = { name: "Globex", slug: "globex" } as const;
/** Everything a customer tenant's key can hold (tenants:* belong to the platform tenant). */
const TENANT_KEY_SCOPES = API_KEY_SCOPES.filter((s) => !s.startsWith("tenants:"));

/** What the seed leaves for a developer; written to `.plinto/dev-credentials.json`. */
export interface DevCredentials {
  apiUrl: string;
  tenants: Array<{ slug: string; name: string; kind: string; issuer: string }>;
  demoUser: { tenant: string; email: string; password: string };
  /** The seeded OIDC applications per tenant slug, e.g. `applications.plinto.admin.clientSecret`. */
  applications: Record<string, Record<string, SeededApplication>>;
  /**
   * Management API keys per tenant slug, e.g. `apiKeys.demo.secret` for `Authorization: Bearer …`;
   * `apiKeys.plinto` is a platform operator's (it can create and manage tenants).
   */
  apiKeys: Record<string, { id: string; secret: string; scopes: string[] }>;
}

export interface SeededApplication {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** Where the other sites live, for the applications' redirect URIs. */
export interface SiteUrls {
  admin: string;
  app: string;
  demo: string;
}

interface ApplicationSpec {
  key: string;
  clientId: string;
  name: string;
  type: ApplicationType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  /** Default: the applications service's (openid profile email offline_access). */
  allowedScopes?: string[];
}

/** The next-auth callback of a site signing in through the tenant's provider named `plinto`. */
const nextAuthCallback = (siteUrl: string) => `${siteUrl}/api/auth/callback/plinto`;

function seededApplications(sites: SiteUrls): Record<string, ApplicationSpec[]> {
  const code = ["authorization_code", "refresh_token"];
  return {
    [PLATFORM_TENANT.slug]: [
      { key: "admin", clientId: "plinto-admin", name: "Plinto Admin", type: "web", redirectUris: [nextAuthCallback(sites.admin)], postLogoutRedirectUris: [`${sites.admin}/`], grantTypes: code },
      { key: "app", clientId: "plinto-app", name: "Plinto Account", type: "web", redirectUris: [nextAuthCallback(sites.app)], postLogoutRedirectUris: [`${sites.app}/`], grantTypes: code },
    ],
    [DEMO_TENANT.slug]: [
      // The demo site (apps/demo) is a server that keeps the tokens it gets (a backend for its
      // pages), so it is a confidential web application: its secret never reaches a browser.
      {
        key: "web",
        clientId: "plinto-demo",
        name: "Plinto Demo",
        type: "web",
        redirectUris: [`${sites.demo}/auth/callback`],
        postLogoutRedirectUris: [`${sites.demo}/`],
        grantTypes: code,
        // The demo shows the organization claims and switches between organizations.
        allowedScopes: ["openid", "profile", "email", "offline_access", "organizations"],
      },
      { key: "spa", clientId: "demo-spa", name: "Demo single-page app", type: "spa", redirectUris: [`${sites.demo}/callback`], postLogoutRedirectUris: [`${sites.demo}/`], grantTypes: code },
      { key: "machine", clientId: "demo-machine", name: "Demo backend service", type: "machine", redirectUris: [], postLogoutRedirectUris: [], grantTypes: ["client_credentials"] },
    ],
  };
}

/**
 * Makes sure a seeded application exists with the current site URLs, and returns its credentials:
 * the secret from the last run while it still verifies (it is only stored hashed), else a new one.
 */
async function ensureApplication(tx: Executor, tenantId: string, spec: ApplicationSpec, previous: SeededApplication | undefined) {
  const existing = await findApplicationByClientId(tx, tenantId, spec.clientId);
  const shape = { redirectUris: spec.redirectUris, postLogoutRedirectUris: spec.postLogoutRedirectUris };
  const scopes = spec.allowedScopes ? { allowedScopes: spec.allowedScopes } : {};
  let clientSecret: string | undefined;
  if (!existing) {
    const created = await createApplication(tx, systemContext, {
      tenantId,
      clientId: spec.clientId,
      name: spec.name,
      type: spec.type,
      grantTypes: spec.grantTypes,
      firstParty: true,
      ...shape,
      ...scopes,
    });
    clientSecret = created.clientSecret;
  } else {
    await updateApplication(tx, systemContext, { tenantId, applicationId: existing.id, ...shape, ...scopes });
    if (existing.clientSecretHash) {
      clientSecret =
        previous?.clientSecret && verifyClientSecret(existing, previous.clientSecret)
          ? previous.clientSecret
          : (await rotateApplicationSecret(tx, systemContext, { tenantId, applicationId: existing.id })).clientSecret;
    }
  }
  return { clientId: spec.clientId, ...(clientSecret ? { clientSecret } : {}), ...shape };
}

/**
 * Brings the development tenants and demo user into being through the same services the API
 * uses, and makes sure the demo password is one we can tell the developer: the one from the last
 * run when it still verifies, otherwise a new random one. Running it again changes nothing.
 */
export async function seedDevelopment(
  db: Db,
  options: {
    apiUrl: string;
    previousPassword?: string | undefined;
    previousApiKeys?: DevCredentials["apiKeys"] | undefined;
    previousApplications?: DevCredentials["applications"] | undefined;
    sites: SiteUrls;
  },
): Promise<DevCredentials> {
  return db.transaction(async (tx) => {
    const seeded = [];
    for (const spec of [PLATFORM_TENANT, DEMO_TENANT]) {
      seeded.push((await findTenantBySlug(tx, spec.slug)) ?? (await createTenant(tx, systemContext, spec)));
    }
    const demoTenant = seeded[1]!;
    // Tenants from before organizations existed get their built-in roles and admin organization.
    for (const tenant of seeded) {
      await ensureBuiltInRoles(tx, tenant);
      await ensureAdminOrganization(tx, tenant);
    }

    // The same demo user in both tenants, with one password: it signs in to the demo tenant's
    // apps and, through the platform tenant, to the admin dashboard and the account portal.
    const password = await ensureDemoUser(tx, demoTenant.id, options.previousPassword);
    await ensureDemoUser(tx, seeded[0]!.id, password, { set: true });
    // In the platform tenant the demo user is an owner of both tenants: a platform operator who
    // can sign in to the admin dashboard and manage the demo tenant.
    const operator = (await findUserByEmail(tx, seeded[0]!.id, DEMO_USER.email))!;
    for (const tenant of seeded) await setTenantAdmin(tx, systemContext, { tenant, userId: operator.id, role: "owner" });
    await ensureDemoOrganization(tx, demoTenant.id, DEMO_ORGANIZATION, "owner");
    await ensureDemoOrganization(tx, demoTenant.id, DEMO_SECOND_ORGANIZATION, "member");

    const applications: DevCredentials["applications"] = {};
    for (const [slug, specs] of Object.entries(seededApplications(options.sites))) {
      const tenant = seeded.find((t) => t.slug === slug)!;
      applications[slug] = {};
      for (const spec of specs) {
        applications[slug][spec.key] = await ensureApplication(tx, tenant.id, spec, options.previousApplications?.[slug]?.[spec.key]);
      }
    }

    // A management key per tenant: the platform tenant's is a platform operator's (it also holds
    // tenants:*). The one from the last run is kept while it still works and has every scope.
    const keys: DevCredentials["apiKeys"] = {};
    for (const tenant of seeded) {
      keys[tenant.slug] = await ensureSeedKey(tx, tenant, options.previousApiKeys?.[tenant.slug]);
    }

    return {
      apiUrl: options.apiUrl,
      tenants: seeded.map((t) => ({ slug: t.slug, name: t.name, kind: t.kind, issuer: `${options.apiUrl}/t/${t.slug}` })),
      demoUser: { tenant: demoTenant.slug, email: DEMO_USER.email, password },
      applications,
      apiKeys: keys,
    };
  });
}

/** The seed's management key of a tenant: `previous` while it works and holds every scope the tenant's keys can. */
async function ensureSeedKey(tx: Executor, tenant: { id: string; kind: string }, previous: DevCredentials["apiKeys"][string] | undefined) {
  const scopes = tenant.kind === "platform" ? [...API_KEY_SCOPES] : TENANT_KEY_SCOPES;
  const stillWorks = previous ? await authenticateApiKey(tx, previous.secret) : undefined;
  // A key from before new scopes existed is replaced, so the printed key can do everything.
  if (previous && stillWorks?.tenantId === tenant.id && scopes.every((scope) => stillWorks.scopes.includes(scope))) return previous;
  const { apiKey, secret } = await createApiKey(tx, systemContext, { tenantId: tenant.id, name: "Development key (seed)", scopes });
  return { id: apiKey.id, secret, scopes: apiKey.scopes };
}

/**
 * The demo user in a tenant, and the password they sign in with: `wanted` when it verifies (or
 * the user is new), otherwise a new one; with `set`, `wanted` is made their password regardless.
 */
async function ensureDemoUser(tx: Executor, tenantId: string, wanted: string | undefined, options: { set?: boolean } = {}) {
  const existing = await findUserByEmail(tx, tenantId, DEMO_USER.email);
  if (!existing) {
    const password = wanted ?? newDemoPassword();
    await createUser(tx, systemContext, { tenantId, email: DEMO_USER.email, name: DEMO_USER.name, password, emailVerified: true });
    return password;
  }
  const stored = await getPasswordHash(tx, tenantId, existing.id);
  if (wanted !== undefined && stored !== undefined && (await verifyPassword(stored, wanted))) return wanted;
  const password = options.set && wanted !== undefined ? wanted : newDemoPassword();
  await setPassword(tx, systemContext, { tenantId, userId: existing.id, password });
  return password;
}

/** An organization of the demo tenant with the demo user in it as `role` (made once). */
async function ensureDemoOrganization(tx: Executor, tenantId: string, spec: { name: string; slug: string }, role: "owner" | "member") {
  const [existing] = await tx
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.slug, spec.slug)))
    .limit(1);
  const organization = existing ?? (await createOrganization(tx, systemContext, { tenantId, ...spec }));
  const user = (await findUserByEmail(tx, tenantId, DEMO_USER.email))!;
  const member = await getMember(tx, tenantId, organization.id, user.id).catch(() => undefined);
  if (!member) await addMember(tx, systemContext, { tenantId, organizationId: organization.id, userId: user.id, role });
}

function newDemoPassword(): string {
  return `demo-${randomBytes(12).toString("base64url")}`;
}
