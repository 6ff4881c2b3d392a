import { cookies } from "next/headers";
import { ENVIRONMENT_NAMES, environments, type EnvironmentConfig, type EnvironmentName } from "~/env";

/** The cookie that remembers which environment the visitor chose (not secret: a name from a fixed list). */
export const ENVIRONMENT_COOKIE = "plinto_demo_env";

export const isEnvironmentName = (value: unknown): value is EnvironmentName =>
  typeof value === "string" && (ENVIRONMENT_NAMES as readonly string[]).includes(value);

/** The environment this request runs against: the cookie's, else local. */
export async function currentEnvironment(): Promise<EnvironmentConfig> {
  const chosen = (await cookies()).get(ENVIRONMENT_COOKIE)?.value;
  const name: EnvironmentName = isEnvironmentName(chosen) ? chosen : "local";
  return environments().find((e) => e.name === name)!;
}

/** The issuer of the environment's tenant: `{apiUrl}/t/{tenant}`. */
export const issuerOf = (environment: EnvironmentConfig) => `${environment.apiUrl}/t/${environment.tenant}`;

/** The resource indicator (RFC 8707) of the environment's API: access tokens for it are JWTs it verifies. */
export const apiResourceOf = (environment: EnvironmentConfig) => `${environment.apiUrl}/v1`;
