import { z } from "zod";
import { MANAGEMENT_SCOPES, managementScopeSchema } from "./management";
import { bodyErrors, managed, type Operation } from "./operation";

/**
 * A tenant's management API keys (`/v1/api-keys`, `api_keys:read` / `api_keys:write`): secrets a
 * back end sends as `Authorization: Bearer plinto_sk_…`. The secret is in the create answer only;
 * Plinto stores its hash. A caller cannot make a key with scopes it does not hold itself.
 */

const timestamp = z.iso.datetime({ offset: true });
export const API_KEY_MAX_LIFETIME_DAYS = 3650;

export const apiKeyIdSchema = z.string().regex(/^key_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected an API key id like key_01…" });

/** `POST /v1/api-keys`: give either an expiry time or a lifetime in days, or neither (no expiry). */
export const createApiKeyRequestSchema = z
  .object({
    name: z.string({ error: "Name the key" }).trim().min(1, { error: "Name the key in 1–100 characters" }).max(100, { error: "Name the key in 1–100 characters" }),
    scopes: z
      .array(z.enum(MANAGEMENT_SCOPES, { error: `A scope is one of ${MANAGEMENT_SCOPES.join(", ")}` }), { error: "scopes is a list" })
      .min(1, { error: "Give the key at least one scope" })
      .max(MANAGEMENT_SCOPES.length),
    expiresAt: timestamp.optional().describe("When the key stops working (ISO 8601, in the future)"),
    expiresInDays: z.int({ error: "expiresInDays is a whole number" }).min(1).max(API_KEY_MAX_LIFETIME_DAYS).optional(),
  })
  .strict()
  .refine((body) => body.expiresAt === undefined || body.expiresInDays === undefined, {
    error: "Give expiresAt or expiresInDays, not both",
    path: ["expiresInDays"],
  });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** A key as the API shows it: never the secret nor its hash. */
export const apiKeySchema = z.object({
  id: apiKeyIdSchema,
  name: z.string(),
  displayPrefix: z.string().describe("The key's first characters, to tell keys apart"),
  scopes: z.array(managementScopeSchema),
  expiresAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyResponseSchema = z.object({ apiKey: apiKeySchema });
export const apiKeyCreatedResponseSchema = z.object({
  apiKey: apiKeySchema,
  secret: z.string().describe("The key, shown this once: only its hash is stored"),
});
export const apiKeyListResponseSchema = z.object({ apiKeys: z.array(apiKeySchema) });

const at = "2026-11-27T09:30:00.000Z";
const apiKey = {
  id: "key_01jbz6y0fq7m2x9d8c4v6b5n3k",
  name: "Billing back end",
  displayPrefix: "plinto_sk_Vt3q0m",
  scopes: ["users:read" as const, "users:write" as const],
  expiresAt: "2027-11-27T09:30:00.000Z",
  lastUsedAt: null,
  revokedAt: null,
  createdAt: at,
};

const tag = "API keys";
export const apiKeyOperations: Operation[] = [
  {
    method: "get", path: "/v1/api-keys", operationId: "listApiKeys", tag, security: "management", scope: "api_keys:read",
    summary: "The tenant's API keys, newest first, revoked ones included (never their secrets)",
    success: { status: 200, description: "Keys", schema: apiKeyListResponseSchema },
    errors: managed,
    examples: { response: { apiKeys: [apiKey] } },
  },
  {
    method: "post", path: "/v1/api-keys", operationId: "createApiKey", tag, security: "management", scope: "api_keys:write",
    summary: "Create an API key with scopes the caller holds itself; the secret is in this answer only",
    body: createApiKeyRequestSchema,
    success: { status: 201, description: "Created", schema: apiKeyCreatedResponseSchema },
    errors: [...managed, ...bodyErrors],
    examples: {
      request: { name: "Billing back end", scopes: ["users:read", "users:write"], expiresInDays: 365 },
      response: { apiKey, secret: "plinto_sk_Vt3q0mJ8yQ2s1Xc9fK4nB7dL6hR5wZ0pE3aT8uY1iO2" },
    },
  },
  {
    method: "get", path: "/v1/api-keys/{apiKey}", operationId: "getApiKey", tag, security: "management", scope: "api_keys:read",
    summary: "One of the tenant's API keys",
    success: { status: 200, description: "The key", schema: apiKeyResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { apiKey } },
  },
  {
    method: "delete", path: "/v1/api-keys/{apiKey}", operationId: "revokeApiKey", tag, security: "management", scope: "api_keys:write",
    summary: "Revoke an API key: it stops working at once (a key may revoke itself)",
    success: { status: 204, description: "Revoked" },
    errors: [...managed, "not_found"],
  },
];
