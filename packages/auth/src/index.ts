export { AuthConfigError, checkAuthEnvAtStart, readAuthEnv, tenantOfIssuer, AUTH_ENV_VARIABLES, MIN_SECRET_LENGTH, type AuthEnv } from "./env";
export { authOptions, plintoProvider, siteCookies, PROVIDER_ID, type AuthSite, type PlintoProfile } from "./options";
export { discoverEndSessionEndpoint, endSessionUrl, type EndSessionRequest } from "./end-session";
export { createSiteAuth, fromOwnPages, type SiteAuth, type SignedInUser, type NextAuthRouteContext } from "./site-auth";
export { signInProblem } from "./messages";
