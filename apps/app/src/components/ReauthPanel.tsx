import { Alert, Button } from "@plinto/ui";
import type { ReactNode } from "react";

/** Where the sign-in form posts (`createSiteAuth().paths.signIn`), here so client components can use it too. */
const SIGN_IN_PATH = "/auth/sign-in";

/** The sign-in form's button, coming back to `returnTo` (a path on this site). */
export function SignInButton({ returnTo, reauthenticate, children }: { returnTo: string; reauthenticate?: boolean; children: ReactNode }) {
  return (
    <form action={SIGN_IN_PATH} method="post" className="inline">
      <input type="hidden" name="callbackUrl" value={returnTo} />
      {reauthenticate ? <input type="hidden" name="reauthenticate" value="1" /> : null}
      <Button type="submit" variant={reauthenticate ? "primary" : "secondary"}>
        {children}
      </Button>
    </form>
  );
}

/**
 * The "confirm it's you" step: changes to how the account is protected need a sign-in within the
 * last few minutes, so the user signs in again (the provider asks even though they are signed in)
 * and comes back to the same page to try again.
 */
export function ReauthPanel({ returnTo, what = "This change" }: { returnTo: string; what?: string }) {
  return (
    <Alert variant="warning" title="Confirm it's you">
      <p>
        {what} needs a recent sign-in, so that nobody who finds your computer unlocked can take over your account. Sign in again, then try once
        more.
      </p>
      <div className="mt-3">
        <SignInButton returnTo={returnTo} reauthenticate>
          Sign in again to confirm
        </SignInButton>
      </div>
    </Alert>
  );
}
