import { MANAGED_TENANT_HEADER } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { ServiceError } from "../errors";
import { tenantsAdministeredBy } from "../tenants/admins";
import { API_KEY_SHAPE, authenticateAdmin, presentedCredential } from "./authorize";

/**
 * The tenants the admin behind an access token administers, with their role in each: what the
 * admin dashboard's tenant switcher shows. Only an admin has tenants of their own; an API key
 * belongs to one tenant and asks nothing here (403). A `Plinto-Tenant` header naming a tenant they
 * do not administer is refused as on every management route (403), so a client that always sends
 * it meets one rule.
 */
export async function myTenants(db: Executor, input: { publicUrl: string; headers: Headers; now?: Date }) {
  const presented = presentedCredential(input.headers);
  if (API_KEY_SHAPE.test(presented)) throw new ServiceError("forbidden", "Only an admin's access token administers tenants; an API key belongs to one");
  const { platform, user } = await authenticateAdmin(db, presented, input);
  const tenants = await tenantsAdministeredBy(db, { platformTenantId: platform.id, userId: user.id });
  const named = input.headers.get(MANAGED_TENANT_HEADER)?.trim();
  if (named && !tenants.some((t) => t.slug === named)) throw new ServiceError("forbidden", `You do not administer the tenant named in ${MANAGED_TENANT_HEADER}`);
  return tenants;
}
