import { devOutboxQuerySchema } from "@plinto/contracts";
import { json, problem } from "../../../../lib/http";
import { route } from "../../../../lib/route";
import { getRuntime } from "../../../../lib/runtime";
import { parseWith } from "../../../../lib/validation";
import { ServiceError } from "../../../../services/errors";
import { listOutbox } from "../../../../services/mail/outbox";
import { findTenantBySlug } from "../../../../services/tenants/tenants";

export const dynamic = "force-dynamic";

/**
 * The development outbox: mail a tenant would have sent, newest first. Exists only in the embedded
 * mode (no DATABASE_URL); anywhere else it answers 404 as if there were no such path.
 */
export const GET = route(async (request: Request) => {
  const { config, database } = await getRuntime();
  if (!config.embedded) return problem("not_found");

  const { tenant: slug, ...query } = parseWith(devOutboxQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const tenant = await findTenantBySlug(database.db, slug);
  if (!tenant) throw new ServiceError("not_found", "There is no tenant with this name");

  const messages = await listOutbox(database.db, { tenantId: tenant.id, ...query });
  return json({ messages });
});
