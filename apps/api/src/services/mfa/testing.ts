import { expect } from "vitest";
import type { SignedIn, SignInOutcome } from "./sign-in";

/** The outcome of a sign-in that must have started a session (no second factor applies). */
export function expectSignedIn(outcome: SignInOutcome): SignedIn {
  expect(outcome.status).toBe("signed_in");
  return outcome as SignedIn;
}

/** Narrows a sign-in's outcome to the pending second step it must be. */
export function expectStatus<S extends SignInOutcome["status"]>(outcome: SignInOutcome, status: S): Extract<SignInOutcome, { status: S }> {
  expect(outcome.status).toBe(status);
  return outcome as Extract<SignInOutcome, { status: S }>;
}
