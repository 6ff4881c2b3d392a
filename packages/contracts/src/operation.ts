import type { z } from "zod";
import type { ErrorCode } from "./errors";

type Method = "get" | "post" | "put" | "patch" | "delete";
/**
 * `management`: a management API key of the tenant, or an admin's access token from the platform
 * tenant (with the `Plinto-Tenant` header naming the tenant it manages).
 */
export type Security = "none" | "session" | "management";

/** One HTTP operation of the API, described from the same zod schemas the server parses with. */
export interface Operation {
  method: Method;
  /** OpenAPI path template, e.g. `/v1/tenants/{tenant}/auth/sign-in`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  security: Security;
  /** For `management` operations: the scope (API key) or permission (admin role) it needs. */
  scope?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A raw file as the request body instead of JSON (an image upload): the media types accepted and the size limit. */
  upload?: { mediaTypes: string[]; maxBytes: number };
  /** The success answer; no `schema` means no body (e.g. 204). */
  success: {
    status: number;
    description: string;
    schema?: z.ZodType;
    headers?: Record<string, string>;
    /** A file rather than JSON (an image): the media types the body may be. */
    binary?: string[];
    /**
     * Other media types the same answer comes in besides JSON (e.g. a CSV export), each with its
     * schema and an example that the contract test parses like the JSON one.
     */
    alternatives?: Array<{ mediaType: string; schema: z.ZodType; example: unknown }>;
  };
  /** Other answers that carry the success schema (e.g. 503 from /ready). */
  alsoReturns?: Array<{ status: number; description: string }>;
  errors: ErrorCode[];
  /**
   * Worked examples for the document: a request body and a success body. A test parses each with the
   * operation's own schemas, so an example can never drift from what the API accepts and answers.
   */
  examples?: { request?: unknown; response?: unknown };
}

export const authPath = (rest: string) => `/v1/tenants/{tenant}/auth/${rest}`;
export const bodyErrors: ErrorCode[] = ["validation_failed", "malformed_json", "unsupported_media_type", "payload_too_large", "not_found"];
export const withLimits = (...codes: ErrorCode[]): ErrorCode[] => [...bodyErrors, "rate_limited", ...codes];
/** What every management operation may answer before it looks at the request. */
export const managed: ErrorCode[] = ["unauthorized", "forbidden"];
