import type { NextRequest } from "next/server";
import { auth } from "~/auth";

/**
 * Before a page renders: refresh the session's API token when it is about to expire, so the
 * page's calls to the account API carry a live one (the rotated refresh token goes back into
 * the session cookie here, where cookies can be written).
 */
export function proxy(request: NextRequest) {
  return auth.proxy(request);
}

export const config = {
  // Pages only: not next-auth's own endpoints, the sign-in forms, or static files.
  matcher: ["/((?!api/auth|auth/|_next/|icon.svg|favicon.ico).*)"],
};
