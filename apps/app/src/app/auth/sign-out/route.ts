import { auth } from "~/auth";

// The "Sign out" button's form: ends the session here and at the platform tenant's provider.
export const POST = auth.signOut;
