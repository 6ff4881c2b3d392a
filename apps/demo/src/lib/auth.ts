import type { PlintoAuth } from "@plinto/sdk";
import { sessionSecret, urlOf, type EnvironmentConfig } from "~/env";
import { plintoAuthFor } from "~/samples/client";
import { apiResourceOf, currentEnvironment, issuerOf } from "./environment";
import { readSession, writeSession, type DemoSession } from "./session";

/** The demo's redirect URI, registered on its application (`plinto-demo` in the seed). */
export const callbackUrl = () => `${urlOf("demo")}/auth/callback`;
/** Where the tenant sends the browser after signing out, registered on the application. */
export const signedOutUrl = () => `${urlOf("demo")}/`;

/** Where the session keeps the page a pending sign-in (by its state) returns to. */
export const returnKey = (state: string) => `demo.return.${state}`;

/** Why the flows cannot run in this environment, or undefined when they can. */
export function setupProblem(environment: EnvironmentConfig): string | undefined {
  const secret = sessionSecret();
  if ("problem" in secret) return `${secret.problem}: the demo has nowhere safe to keep tokens.`;
  if (!environment.clientId || !environment.clientSecret) {
    return environment.name === "local"
      ? "PLINTO_DEMO_OIDC_CLIENT_ID and PLINTO_DEMO_OIDC_CLIENT_SECRET are not set: start the demo with npm start, which passes the seeded plinto-demo application."
      : `The ${environment.label.toLowerCase()} environment has no demo application: set PLINTO_DEMO_${environment.name.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET.`;
  }
  return undefined;
}

export interface AuthContext {
  environment: EnvironmentConfig;
  session: DemoSession;
  auth: PlintoAuth;
}

/** The request's environment, session and sign-in client; undefined when the flows cannot run here. */
export async function authContext(): Promise<AuthContext | undefined> {
  const environment = await currentEnvironment();
  if (setupProblem(environment)) return undefined;
  const session = await readSession(environment.name);
  const auth = plintoAuthFor(session, {
    issuer: issuerOf(environment),
    clientId: environment.clientId!,
    clientSecret: environment.clientSecret!,
    redirectUri: callbackUrl(),
    apiResource: apiResourceOf(environment),
  });
  return { environment, session, auth };
}

/** Saves what the SDK changed in the session (tokens, pending sign-ins) into the cookie. */
export const saveSession = (context: AuthContext) => writeSession(context.session);
