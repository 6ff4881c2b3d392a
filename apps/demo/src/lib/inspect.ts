import { decodeJwt, decodeProtectedHeader, type JWTHeaderParameters, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { JwksUnavailableError, TokenExpiredError, TokenInvalidError, type StoredTokens } from "@plinto/sdk";
import type { EnvironmentConfig } from "~/env";
import { verifyAccessToken, verifyIdToken } from "~/samples/verify";
import { apiResourceOf, issuerOf } from "./environment";

export interface TokenReport {
  kind: "id" | "access";
  title: string;
  /** What the token says about itself, before anyone checked it. */
  decoded: { header: ProtectedHeaderParameters; claims: JWTPayload } | undefined;
  /** Verified against the tenant's JWKS: the claims, now trustworthy. */
  verified: { header: JWTHeaderParameters; claims: Record<string, unknown> } | undefined;
  /** Why it did not verify. */
  problem: string | undefined;
  /** What it must be: the expected issuer and audience. */
  expected: { issuer: string; audience: string };
}

function decode(token: string) {
  try {
    return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof TokenExpiredError) return "expired: it is past its exp (refresh to get a new one)";
  if (error instanceof TokenInvalidError) return `refused (${error.reason}): ${error.message}`;
  if (error instanceof JwksUnavailableError) return `could not fetch the tenant's signing keys: ${error.message}`;
  return error instanceof Error ? error.message : "could not be verified";
}

/** The session's ID and access tokens, decoded and verified (signature against the JWKS, then claims). */
export async function inspectTokens(environment: EnvironmentConfig, tokens: StoredTokens): Promise<TokenReport[]> {
  const issuer = issuerOf(environment);
  const clientId = environment.clientId!;
  const apiResource = apiResourceOf(environment);
  const reports: TokenReport[] = [];
  if (tokens.idToken) {
    const report: TokenReport = {
      kind: "id",
      title: "ID token",
      decoded: decode(tokens.idToken),
      verified: undefined,
      problem: undefined,
      expected: { issuer, audience: clientId },
    };
    try {
      const { claims, header } = await verifyIdToken(tokens.idToken, issuer, clientId);
      report.verified = { claims: { ...claims }, header };
    } catch (error) {
      report.problem = describe(error);
    }
    reports.push(report);
  }
  const access: TokenReport = {
    kind: "access",
    title: "Access token",
    decoded: decode(tokens.accessToken),
    verified: undefined,
    problem: undefined,
    expected: { issuer, audience: apiResource },
  };
  try {
    const { claims, header } = await verifyAccessToken(tokens.accessToken, issuer, apiResource);
    access.verified = { claims: { ...claims }, header };
  } catch (error) {
    access.problem = describe(error);
  }
  reports.push(access);
  return reports;
}
