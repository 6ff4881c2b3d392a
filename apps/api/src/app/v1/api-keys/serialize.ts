import { MANAGEMENT_SCOPES, type ApiKey as ApiKeyJson } from "@plinto/contracts";
import type { ApiKey } from "../../../services/api-keys/api-keys";

/** A key on the wire: never its secret nor the secret's hash. */
export function apiKeyJson(key: ApiKey): ApiKeyJson {
  return {
    id: key.id,
    name: key.name,
    displayPrefix: key.displayPrefix,
    // A scope dropped from the catalogue grants nothing any more; showing it would fail the contract.
    scopes: key.scopes.filter((s): s is ApiKeyJson["scopes"][number] => (MANAGEMENT_SCOPES as readonly string[]).includes(s)),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}
