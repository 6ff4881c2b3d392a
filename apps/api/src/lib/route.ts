import { RateLimitedError, ServiceError } from "../services/errors";
import { problem } from "./http";

/**
 * Wraps a route handler: a ServiceError becomes its catalogued problem response; anything else is
 * logged by name only (never the request, which may carry credentials) and answered as a 500.
 */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        const response = problem(error.code, error.message);
        response.headers.set("retry-after", String(error.retryAfterSeconds));
        return response;
      }
      if (error instanceof ServiceError) {
        return problem(error.code, error.message, error.fields ? { errors: error.fields } : {});
      }
      console.error(`plinto-api: unhandled ${error instanceof Error ? error.name : typeof error} in a route handler`);
      return problem("internal_error");
    }
  };
}
