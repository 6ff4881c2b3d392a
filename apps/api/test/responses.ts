import { expect } from "vitest";
import { PROBLEM_CONTENT_TYPE, problemDetailsSchema } from "@plinto/contracts";

/** An RFC 9457 answer with this status and Plinto error code; returns the problem document. */
export async function problemOf(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  const problem = problemDetailsSchema.parse(await response.json());
  expect(problem.code).toBe(code);
  return problem;
}

/**
 * A success answer that is exactly `schema`: JSON, uncached, nothing extra at any depth, and no
 * word of `forbidden` (by default anything named like a hash) anywhere in it.
 */
export async function bodyOf<T>(
  response: Response,
  status: number,
  schema: { parse(value: unknown): T },
  forbidden: RegExp = /hash/i,
): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const text = await response.text();
  expect(text).not.toMatch(forbidden);
  const body: unknown = JSON.parse(text);
  const parsed = schema.parse(body);
  expect(body).toStrictEqual(JSON.parse(JSON.stringify(parsed)));
  return parsed;
}
