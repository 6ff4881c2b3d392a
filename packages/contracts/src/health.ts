import { z } from "zod";

/** `GET /health`: the process is up. Says nothing about its dependencies. */
export const healthResponseSchema = z.object({
  status: z.literal("ok"),
  service: z.literal("plinto-api"),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

const checkStatus = z.enum(["ok", "fail"]);

/** `GET /ready`: 200 when it can serve traffic (database reachable, migrations applied), else 503. */
export const readyResponseSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: z.object({
      status: checkStatus,
      driver: z.enum(["postgres", "pglite"]).optional(),
      detail: z.string().optional(),
    }),
    migrations: z.object({
      status: checkStatus,
      applied: z.number().int().nonnegative(),
      expected: z.number().int().nonnegative(),
    }),
  }),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
