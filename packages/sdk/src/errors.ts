import type { ErrorCode, ProblemDetails } from "@plinto/contracts";

/**
 * The API answered with an RFC 9457 problem. `code` is Plinto's stable error code (see the
 * error catalog: `validation_failed`, `unauthorized`, `forbidden`, `not_found`, `conflict`, …);
 * `fields` says, for `validation_failed`, what was wrong with which field.
 */
export class PlintoApiError extends Error {
  override name = "PlintoApiError";
  readonly status: number;
  /** Stable: switch on this. A code newer than this SDK still comes through as a string. */
  readonly code: ErrorCode | (string & {});
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field path (e.g. `redirectUris.0`) → what is wrong with it. Empty unless validation failed. */
  readonly fields: Record<string, string[]>;
  /** The whole problem document, extension members included. */
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    const fields: Record<string, string[]> = {};
    for (const { path, message } of problem.errors ?? []) (fields[path] ??= []).push(message);
    this.fields = fields;
  }
}

/** @deprecated The earlier name of PlintoApiError; the same class. */
export const PlintoError = PlintoApiError;
/** @deprecated The earlier name of PlintoApiError. */
export type PlintoError = PlintoApiError;

/** The API could not be reached, or answered with something that is not Plinto's wire format. */
export class PlintoNetworkError extends Error {
  override name = "PlintoNetworkError";
  readonly url: string;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  constructor(message: string, url: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.url = url;
    this.status = options?.status;
  }
}
