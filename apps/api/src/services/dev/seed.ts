import { randomBytes } from "node:crypto";
import type { Db } from "@plinto/db";
import { systemContext } from "../context";
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
  apiKeys: Record<string, unknown>;
}

/**
 * Brings the development tenants and demo user into being through the same services the API
 * uses, and makes sure the demo password is one we can tell the developer: the one from the last
 * run when it still verifies, otherwise a new random one. Running it again changes nothing.
 */
export async function seedDevelopment(
  db: Db,
  options: { apiUrl: string; previousPassword?: string | undefined },
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

    return {
      apiUrl: options.apiUrl,
      tenants: seeded.map((t) => ({ slug: t.slug, name: t.name, kind: t.kind, issuer: `${options.apiUrl}/t/${t.slug}` })),
      demoUser: { tenant: demoTenant.slug, email: DEMO_USER.email, password: password! },
      applications: {},
      apiKeys: {},
    };
  });
}

function newDemoPassword(): string {
  return `demo-${randomBytes(12).toString("base64url")}`;
}
