import { redirect } from "next/navigation";
import { authContext, returnKey, saveSession } from "~/lib/auth";
import { errorCodeOf, outcomeText, type OutcomeCode } from "~/lib/outcomes";
import { finishSignIn } from "~/samples/sign-in";

export const dynamic = "force-dynamic";

/**
 * The demo's redirect URI: the tenant sends the browser here with a code (or an error). The SDK
 * checks it against the pending sign-in in the session, exchanges the code, verifies the ID token,
 * and the tokens go into the encrypted session cookie; the browser goes back to the flow it came from.
 */
export async function GET(request: Request) {
  const context = await authContext();
  if (!context) redirect("/?error=not_configured");
  const state = new URL(request.url).searchParams.get("state");
  const kept = state ? context.session.storage[returnKey(state)] : undefined;
  if (state) delete context.session.storage[returnKey(state)];
  const { back, outcome } = returnOf(kept);
  let target: string;
  try {
    await finishSignIn(context.auth, request.url);
    delete context.session.replaced;
    target = `${back}?outcome=${outcome}`;
  } catch (error) {
    target = `${back}?error=${errorCodeOf(error)}`;
  }
  // Saved either way: a used or refused answer's pending sign-in is gone.
  await saveSession(context);
  redirect(target);
}

/** The flow page (a local path) and outcome a sign-in was started with; the home page otherwise. */
function returnOf(kept: string | undefined): { back: string; outcome: OutcomeCode } {
  try {
    const { path, outcome } = JSON.parse(kept ?? "") as { path?: unknown; outcome?: unknown };
    if (typeof path === "string" && /^\/(?!\/)[\w\-/]*$/.test(path) && outcomeText(outcome)) return { back: path, outcome: outcome as OutcomeCode };
  } catch {
    // nothing kept, or not by this demo
  }
  return { back: "/", outcome: "signed_in" };
}
