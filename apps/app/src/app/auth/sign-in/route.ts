import { auth } from "~/auth";

// The "Sign in" button's form: starts the sign-in at the platform tenant's provider.
export const POST = auth.signIn;
