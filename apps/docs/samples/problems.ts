/** Errors without the SDK: every /v1 error is an RFC 9457 problem with a stable `code`. */
// #region problem
interface Problem {
  type: string; // https://plinto.dev/errors/{code}
  title: string;
  status: number;
  code: string; // stable: switch on this, not on title or detail
  detail?: string;
  errors?: Array<{ path: string; message: string }>; // for validation_failed
}

export async function signIn(apiUrl: string, tenant: string, email: string, password: string) {
  const response = await fetch(`${apiUrl}/v1/tenants/${tenant}/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.headers.get("content-type")?.startsWith("application/problem+json")) {
    const problem = (await response.json()) as Problem;
    if (problem.code === "rate_limited") {
      const seconds = Number(response.headers.get("retry-after")); // whole seconds to wait
      return { kind: "wait" as const, seconds };
    }
    return { kind: "refused" as const, code: problem.code, fields: problem.errors ?? [] };
  }
  return { kind: "answered" as const, body: (await response.json()) as unknown };
}
// #endregion problem
