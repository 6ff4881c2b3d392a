import { Button } from "./Button";
import { cn } from "./cn";

export interface SignInStatusProps {
  /** The signed-in person, or null when nobody is signed in. */
  user: { name: string | null; email: string | null } | null;
  /** Where the "Sign in" form posts (a same-origin route that starts the sign-in). */
  signInAction: string;
  /** Where the "Sign out" form posts. */
  signOutAction: string;
  /** Where to come back to after signing in; the current page by default on the server side. */
  returnTo?: string;
  className?: string;
}

/**
 * Who is signed in, for a site's header: a "Sign in" button when nobody is, otherwise the
 * person's name and email address and a "Sign out" button. Plain forms that POST to the site, so
 * both work before (or without) any script.
 */
export function SignInStatus({ user, signInAction, signOutAction, returnTo, className }: SignInStatusProps) {
  if (!user) {
    return (
      <form method="post" action={signInAction} className={className}>
        {returnTo ? <input type="hidden" name="callbackUrl" value={returnTo} /> : null}
        <Button type="submit" size="sm">
          Sign in
        </Button>
      </form>
    );
  }
  const label = user.name ?? user.email ?? "Signed in";
  return (
    <div className={cn("flex items-center gap-3", className)}>
      <p className="text-right text-sm leading-tight">
        <span className="sr-only">Signed in as </span>
        <span className="block font-medium text-ink" data-testid="signed-in-name">
          {label}
        </span>
        {user.email && user.email !== label ? (
          <span className="block text-muted" data-testid="signed-in-email">
            {user.email}
          </span>
        ) : null}
      </p>
      <form method="post" action={signOutAction}>
        <Button type="submit" variant="secondary" size="sm">
          Sign out
        </Button>
      </form>
    </div>
  );
}
