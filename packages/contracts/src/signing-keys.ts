import { z } from "zod";

export const signingAlgorithmSchema = z.enum(["RS256", "ES256", "EdDSA"]);

export const signingKeySchema = z.object({
  id: z.string(),
  kid: z.string(),
  alg: signingAlgorithmSchema,
  status: z.enum(["next", "active", "retired"]),
  activatedAt: z.iso.datetime().nullable(),
  retiredAt: z.iso.datetime().nullable(),
  /** A retired key leaves the JWKS after this; null while it is next or active. */
  expiresAt: z.iso.datetime().nullable(),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

/** `GET /v1/signing-keys` */
export const signingKeyListResponseSchema = z.object({ keys: z.array(signingKeySchema) });

/** `POST /v1/signing-keys/rotate`: optionally switch algorithm for the key that will come next. */
export const rotateSigningKeysRequestSchema = z.object({ alg: signingAlgorithmSchema.optional() }).strict();
export const rotateSigningKeysResponseSchema = z.object({
  retired: signingKeySchema,
  active: signingKeySchema,
  next: signingKeySchema,
});
