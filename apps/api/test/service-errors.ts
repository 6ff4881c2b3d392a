import { expect } from "vitest";
import { ServiceError } from "../src/services/errors";

/** The ServiceError a call fails with; the test fails if it succeeds or fails any other way. */
export async function serviceErrorOf(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

/** How a call ended: its ServiceError's code, or "ok". Any other error is rethrown. */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
  return "ok";
}
