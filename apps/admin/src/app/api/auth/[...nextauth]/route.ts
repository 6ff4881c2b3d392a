import { auth } from "~/auth";

// next-auth's endpoints: the provider's callback, the session, CSRF token and error redirects.
export const GET = auth.nextAuth.GET;
export const POST = auth.nextAuth.POST;
