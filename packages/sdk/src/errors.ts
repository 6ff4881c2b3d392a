import type { ProblemDetails } from "@plinto/contracts";

/** The API answered with an RFC 9457 problem; `code` is Plinto's stable error code. */
export class PlintoError extends Error {
  override name = "PlintoError";
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
  }
}

/** The API could not be reached, or answered with something that is not Plinto's wire format. */
export class PlintoNetworkError extends Error {
  override name = "PlintoNetworkError";
  readonly url: string;
  constructor(message: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.url = url;
  }
}
