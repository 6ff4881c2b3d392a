import { z } from "zod";
import * as applications from "./applications";
import * as auth from "./auth";
import { errorCatalog, problemType, type ErrorCode } from "./errors";
import { healthResponseSchema, readyResponseSchema } from "./health";
import { jwksResponseSchema } from "./jwks";
import { devOutboxQuerySchema, devOutboxResponseSchema } from "./mail";
import { problemDetailsSchema } from "./problem";
import * as signingKeys from "./signing-keys";

type Method = "get" | "post" | "patch" | "delete";
type Security = "none" | "session" | "apiKey";

/** One HTTP operation of the API, described from the same zod schemas the server parses with. */
export interface Operation {
  method: Method;
  /** OpenAPI path template, e.g. `/v1/tenants/{tenant}/auth/sign-in`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  security: Security;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success answer; no `schema` means no body (e.g. 204). */
  success: { status: number; description: string; schema?: z.ZodType; headers?: Record<string, string> };
  /** Other answers that carry the success schema (e.g. 503 from /ready). */
  alsoReturns?: Array<{ status: number; description: string }>;
  errors: ErrorCode[];
}

const authPath = (rest: string) => `/v1/tenants/{tenant}/auth/${rest}`;
const bodyErrors: ErrorCode[] = ["validation_failed", "malformed_json", "unsupported_media_type", "payload_too_large", "not_found"];
const withLimits = (...codes: ErrorCode[]): ErrorCode[] => [...bodyErrors, "rate_limited", ...codes];
const managed: ErrorCode[] = ["unauthorized", "forbidden"];
const sessionCookie = { "Set-Cookie": "The tenant's IdP session cookie: HttpOnly, SameSite=Lax, Secure under https, Path=/t/{tenant}" };

/** Every operation the API serves. A test in apps/api checks this list against the route files. */
export const operations: Operation[] = [
  {
    method: "get", path: "/health", operationId: "getHealth", tag: "Operations", security: "none",
    summary: "Liveness: the process answers",
    success: { status: 200, description: "Alive", schema: healthResponseSchema }, errors: [],
  },
  {
    method: "get", path: "/ready", operationId: "getReady", tag: "Operations", security: "none",
    summary: "Readiness: database reachable and every migration applied",
    success: { status: 200, description: "Ready", schema: readyResponseSchema },
    alsoReturns: [{ status: 503, description: "Not ready; the checks say why" }], errors: [],
  },
  {
    method: "get", path: "/v1/openapi.json", operationId: "getOpenApiDocument", tag: "Operations", security: "none",
    summary: "This document", success: { status: 200, description: "OpenAPI 3.1", schema: z.object({ openapi: z.string() }).loose() }, errors: [],
  },
  {
    method: "get", path: "/t/{tenant}/.well-known/jwks.json", operationId: "getJwks", tag: "Keys", security: "none",
    summary: "The tenant's public signing keys (next, active and retired-but-unexpired)",
    success: { status: 200, description: "JSON Web Key Set", schema: jwksResponseSchema }, errors: ["not_found"],
  },
  {
    method: "get", path: "/v1/signing-keys", operationId: "listSigningKeys", tag: "Keys", security: "apiKey",
    summary: "List the calling tenant's signing keys (scope signing_keys:read)",
    success: { status: 200, description: "Keys, newest first", schema: signingKeys.signingKeyListResponseSchema },
    errors: ["unauthorized", "forbidden"],
  },
  {
    method: "post", path: "/v1/signing-keys/rotate", operationId: "rotateSigningKeys", tag: "Keys", security: "apiKey",
    summary: "Rotate: the published next key starts signing; the old one stays published until its tokens expire",
    body: signingKeys.rotateSigningKeysRequestSchema,
    success: { status: 200, description: "The keys after rotation", schema: signingKeys.rotateSigningKeysResponseSchema },
    errors: ["unauthorized", "forbidden", ...bodyErrors],
  },
  {
    method: "get", path: "/v1/applications", operationId: "listApplications", tag: "Applications", security: "apiKey",
    summary: "List the calling tenant's applications (scope applications:read)",
    success: { status: 200, description: "Applications, newest first", schema: applications.applicationListResponseSchema },
    errors: managed,
  },
  {
    method: "post", path: "/v1/applications", operationId: "createApplication", tag: "Applications", security: "apiKey",
    summary: "Register an application (scope applications:write); a confidential one's client secret is in this answer only",
    body: applications.createApplicationRequestSchema,
    success: { status: 201, description: "Created", schema: applications.applicationResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
  },
  {
    method: "get", path: "/v1/applications/{application}", operationId: "getApplication", tag: "Applications", security: "apiKey",
    summary: "One of the calling tenant's applications (scope applications:read)",
    success: { status: 200, description: "The application", schema: applications.applicationResponseSchema },
    errors: [...managed, "not_found"],
  },
  {
    method: "patch", path: "/v1/applications/{application}", operationId: "updateApplication", tag: "Applications", security: "apiKey",
    summary: "Change an application's settings (scope applications:write); only the fields sent change. A move to a secret-based auth method returns the new client secret once",
    body: applications.updateApplicationRequestSchema,
    success: { status: 200, description: "The application after the change", schema: applications.applicationResponseSchema },
    errors: [...managed, ...bodyErrors],
  },
  {
    method: "delete", path: "/v1/applications/{application}", operationId: "deleteApplication", tag: "Applications", security: "apiKey",
    summary: "Delete an application (scope applications:write) with its tokens, grants and consents",
    success: { status: 204, description: "Deleted" },
    errors: [...managed, "not_found"],
  },
  {
    method: "post", path: "/v1/applications/{application}/rotate-secret", operationId: "rotateApplicationSecret", tag: "Applications",
    security: "apiKey",
    summary: "Issue a new client secret (scope applications:write); the old one stops working at once",
    success: { status: 200, description: "The new secret, shown this once", schema: applications.applicationSecretRotatedResponseSchema },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "get", path: "/v1/dev/outbox", operationId: "listDevOutbox", tag: "Development", security: "none",
    summary: "Mail the tenant would have sent (embedded mode only; 404 elsewhere)", query: devOutboxQuerySchema,
    success: { status: 200, description: "Newest first", schema: devOutboxResponseSchema }, errors: ["validation_failed", "not_found"],
  },
  {
    method: "post", path: authPath("sign-up"), operationId: "signUp", tag: "Authentication", security: "none",
    summary: "Create an account; a confirmation code and link are mailed (the same answer for existing addresses)",
    body: auth.signUpRequestSchema, success: { status: 202, description: "Mail sent", schema: auth.verificationSentResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("verify-email"), operationId: "verifyEmail", tag: "Authentication", security: "none",
    summary: "Confirm an address with the mailed link token or the 6-digit code",
    body: auth.verifyEmailRequestSchema, success: { status: 200, description: "Confirmed", schema: auth.emailVerifiedResponseSchema },
    errors: withLimits("invalid_verification"),
  },
  {
    method: "post", path: authPath("resend-verification"), operationId: "resendVerification", tag: "Authentication", security: "none",
    summary: "Mail a new confirmation to an unconfirmed account (the same answer for any address)",
    body: auth.resendVerificationRequestSchema, success: { status: 202, description: "Mail sent if it applies", schema: auth.verificationSentResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("sign-in"), operationId: "signIn", tag: "Authentication", security: "none",
    summary: "Sign in with email and password; starts a session",
    body: auth.signInRequestSchema,
    success: { status: 200, description: "Signed in", schema: auth.signInResponseSchema, headers: sessionCookie },
    errors: withLimits("invalid_credentials", "email_not_verified"),
  },
  {
    method: "post", path: authPath("forgot-password"), operationId: "forgotPassword", tag: "Authentication", security: "none",
    summary: "Mail a password-reset link (the same answer for any address)",
    body: auth.forgotPasswordRequestSchema, success: { status: 202, description: "Mail sent", schema: auth.resetRequestedResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("reset-password"), operationId: "resetPassword", tag: "Authentication", security: "none",
    summary: "Choose a new password with the mailed token; ends every session of the account",
    body: auth.resetPasswordRequestSchema, success: { status: 200, description: "Password changed", schema: auth.passwordResetResponseSchema },
    errors: withLimits("invalid_verification"),
  },
  {
    method: "post", path: authPath("email-sign-in"), operationId: "requestEmailSignIn", tag: "Authentication", security: "none",
    summary: "Mail a sign-in link and code (the same answer for any address)",
    body: auth.emailSignInRequestSchema, success: { status: 202, description: "Mail sent", schema: auth.emailSignInSentResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("email-sign-in/complete"), operationId: "completeEmailSignIn", tag: "Authentication", security: "none",
    summary: "Sign in with the mailed link token or code",
    body: auth.completeEmailSignInRequestSchema,
    success: { status: 200, description: "Signed in", schema: auth.signInResponseSchema, headers: sessionCookie },
    errors: withLimits("invalid_verification"),
  },
  {
    method: "post", path: authPath("sign-out"), operationId: "signOut", tag: "Sessions", security: "session",
    summary: "End the presented session (a no-op for an ended one)",
    success: { status: 200, description: "Signed out", schema: auth.signedOutResponseSchema }, errors: ["not_found"],
  },
  {
    method: "get", path: authPath("sessions"), operationId: "listSessions", tag: "Sessions", security: "session",
    summary: "The caller's live sessions",
    success: { status: 200, description: "Newest first", schema: auth.sessionListResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "delete", path: authPath("sessions/{session}"), operationId: "revokeSession", tag: "Sessions", security: "session",
    summary: "End one of the caller's own sessions",
    success: { status: 200, description: "Ended", schema: auth.sessionRevokedResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "get", path: authPath("consents"), operationId: "listConsents", tag: "Sessions", security: "session",
    summary: "The third-party applications the caller allowed, with their scopes",
    success: { status: 200, description: "By application name", schema: applications.consentListResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "delete", path: authPath("consents/{application}"), operationId: "revokeConsent", tag: "Sessions", security: "session",
    summary: "Take back what the caller allowed an application; its tokens for the caller end now",
    success: { status: 200, description: "Revoked", schema: applications.consentRevokedResponseSchema }, errors: ["unauthorized", "not_found"],
  },
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

/** The OpenAPI 3.1 document, generated from `operations` and the zod schemas: nothing written twice. */
export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name, in: "path", required: true, schema: { type: "string" },
    }));
    const queryParams = op.query
      ? Object.entries(jsonSchema(op.query, "input").properties as Record<string, unknown>).map(([name, schema]) => ({
          name, in: "query", required: ((jsonSchema(op.query!, "input").required as string[] | undefined) ?? []).includes(name), schema,
        }))
      : [];
    const problem = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        ...(op.success.schema ? { content: { "application/json": { schema: jsonSchema(op.success.schema, "output") } } } : {}),
        ...(op.success.headers
          ? { headers: Object.fromEntries(Object.entries(op.success.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) }
          : {}),
      },
    };
    for (const also of op.alsoReturns ?? []) {
      const content = op.success.schema ? { content: { "application/json": { schema: jsonSchema(op.success.schema, "output") } } } : {};
      responses[also.status] = { description: also.description, ...content };
    }
    for (const code of new Set(op.errors)) {
      const { status, title } = errorCatalog[code];
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = { description: existing ? `${existing.description}; ${title} (${code})` : `${title} (${code})`, content: problem };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.security === "apiKey" ? { security: [{ apiKey: [] }] } : op.security === "session" ? { security: [{ session: [] }, { sessionCookie: [] }] } : { security: [] }),
      ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Plinto API",
      version: "1.0.0",
      description: "Identity API: sign-up, sign-in, sessions, signing keys and applications. Errors are RFC 9457 problem documents with a stable `code`.",
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: {
        Problem: { ...jsonSchema(problemDetailsSchema, "output"), description: `type is ${problemType("not_found").replace("not_found", "{code}")}` },
      },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A management API key (plinto_sk_…)" },
        session: { type: "http", scheme: "bearer", description: "The sessionToken returned by sign-in" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "plinto_session" },
      },
    },
  };
}
