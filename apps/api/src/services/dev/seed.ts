import { randomBytes } from "node:crypto";
import type { Db } from "@plinto/db";
import { systemContext } from "../context";
import { API_KEY_SCOPES, authenticateApiKey, createApiKey } from "../api-keys/api-keys";
import { createTenant, findTenantBySlug } from "../tenants/tenants";
import { createUser, findUserByEmail, getPasswordHash, setPassword } from "../users/users";
import { verifyPassword } from "../../lib/password";

export const PLATFORM_TENANT = { slug: "plinto", name: "Plinto", kind: "platform" } as const;
export const DEMO_TENANT = { slug: "demo", name: "Demo", kind: "customer" } as const;
export const DEMO_USER = { email: "demo@example.com", name: "Demo User" } as const;

/** What the seed leaves for a developer; written to `.plinto/dev-credentials.json`. */
export interface DevCredentials {
  apiUrl: string;
  tenants: Array<{ slug: string; name: string; kind: string; issuer: string }>;
  demoUser: { tenant: string; email: string; password: string };
  /** Filled in as applications, API keys and other credentials are added to the seed. */
  applications: Record<string, unknown>;
  /** Management API keys per tenant slug, e.g. `apiKeys.demo.secret` for `Authorization: Bearer …`. */
  apiKeys: Record<string, { id: string; secret: string; scopes: string[] }>;
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
  },
): Promise<DevCredentials> {
  return db.transaction(async (tx) => {
    const seeded = [];
    for (const spec of [PLATFORM_TENANT, DEMO_TENANT]) {
      seeded.push((await findTenantBySlug(tx, spec.slug)) ?? (await createTenant(tx, systemContext, spec)));
    }
    const demoTenant = seeded[1]!;

    let password = options.previousPassword;
    const existing = await findUserByEmail(tx, demoTenant.id, DEMO_USER.email);
    if (!existing) {
      password ??= newDemoPassword();
      await createUser(tx, systemContext, {
        tenantId: demoTenant.id,
        email: DEMO_USER.email,
        name: DEMO_USER.name,
        password,
        emailVerified: true,
      });
    } else {
      const stored = await getPasswordHash(tx, demoTenant.id, existing.id);
      const stillValid = password !== undefined && stored !== undefined && (await verifyPassword(stored, password));
      if (!stillValid) {
        password = newDemoPassword();
        await setPassword(tx, systemContext, { tenantId: demoTenant.id, userId: existing.id, password });
      }
    }

    // The demo tenant's management key: the one from the last run while it still works.
    const previousKey = options.previousApiKeys?.[DEMO_TENANT.slug];
    const stillWorks = previousKey ? await authenticateApiKey(tx, previousKey.secret) : undefined;
    const demoKey =
      previousKey && stillWorks?.tenantId === demoTenant.id
        ? previousKey
        : await createApiKey(tx, systemContext, {
            tenantId: demoTenant.id,
            name: "Development key (seed)",
            scopes: [...API_KEY_SCOPES],
          }).then(({ apiKey, secret }) => ({ id: apiKey.id, secret, scopes: apiKey.scopes }));

    return {
      apiUrl: options.apiUrl,
      tenants: seeded.map((t) => ({ slug: t.slug, name: t.name, kind: t.kind, issuer: `${options.apiUrl}/t/${t.slug}` })),
      demoUser: { tenant: demoTenant.slug, email: DEMO_USER.email, password: password! },
      applications: {},
      apiKeys: { [DEMO_TENANT.slug]: demoKey },
    };
  });
}

function newDemoPassword(): string {
  return `demo-${randomBytes(12).toString("base64url")}`;
}
