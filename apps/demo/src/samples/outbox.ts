import { PlintoClient } from "@plinto/sdk";

/**
 * The development outbox: the mail the tenant would have sent, newest first. Only an API in the
 * embedded development mode has one (anywhere else: `PlintoApiError` with code `not_found`).
 */
export async function latestMail(apiUrl: string, tenant: string) {
  const plinto = new PlintoClient({ baseUrl: apiUrl, timeoutMs: 5_000 });
  return plinto.dev.outbox({ tenant, limit: 10 });
}
