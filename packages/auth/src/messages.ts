/**
 * What to tell a person whose sign-in came back with next-auth's `?error=` code, in the product's
 * words; unknown or missing codes get the general line (or nothing, without a code).
 */
const messages: Record<string, string> = {
  OAuthSignin: "Sign-in could not start: Plinto's sign-in service did not answer. Try again in a moment.",
  OAuthCallback: "Sign-in did not finish. Start again with the Sign in button.",
  Callback: "Sign-in did not finish. Start again with the Sign in button.",
  OAuthCreateAccount: "Sign-in did not finish. Start again with the Sign in button.",
  AccessDenied: "Sign-in was cancelled, so you are not signed in.",
  SessionRequired: "Sign in to see that page.",
  Configuration: "Sign-in is not set up correctly on this site. Tell the people who run it.",
  configuration: "Sign-in is not set up correctly on this site. Tell the people who run it.",
};

export function signInProblem(code: string | string[] | undefined): string | undefined {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return undefined;
  return messages[value] ?? "Sign-in did not finish. Start again with the Sign in button.";
}
