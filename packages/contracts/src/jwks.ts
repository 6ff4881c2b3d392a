import { z } from "zod";

/** One public signing key as published (RFC 7517); private members never appear. */
export const publicJwkSchema = z
  .object({
    kty: z.enum(["RSA", "EC", "OKP"]),
    kid: z.string(),
    alg: z.enum(["RS256", "ES256", "EdDSA"]),
    use: z.literal("sig"),
    n: z.string().optional(),
    e: z.string().optional(),
    crv: z.string().optional(),
    x: z.string().optional(),
    y: z.string().optional(),
  })
  .strict();

/** `GET /t/{tenant}/.well-known/jwks.json` */
export const jwksResponseSchema = z.object({ keys: z.array(publicJwkSchema) });
