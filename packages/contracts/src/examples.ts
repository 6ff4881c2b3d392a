/**
 * Worked examples for the identity core's management operations (signing keys, applications),
 * shown in the OpenAPI document. A test parses each with its operation's schemas.
 */
const at = "2026-11-27T09:30:00.000Z";

const signingKey = (kid: string, status: "next" | "active" | "retired") => ({
  id: `sk_01jbz6y0fq7m2x9d8c4v6b5n3${kid.slice(-1)}`,
  kid,
  alg: "RS256" as const,
  status,
  activatedAt: status === "next" ? null : at,
  retiredAt: status === "retired" ? at : null,
  expiresAt: status === "retired" ? "2026-11-28T09:30:00.000Z" : null,
});

export const signingKeyExamples = {
  list: { keys: [signingKey("k-2026-11-27-b", "next"), signingKey("k-2026-11-27-a", "active")] },
  rotate: {
    request: { alg: "ES256" },
    response: {
      retired: signingKey("k-2026-11-27-a", "retired"),
      active: signingKey("k-2026-11-27-b", "active"),
      next: { ...signingKey("k-2026-11-27-c", "next"), alg: "ES256" as const },
    },
  },
};

const application = {
  id: "app_01jbz6y0fq7m2x9d8c4v6b5n3k",
  name: "Acme web",
  type: "web" as const,
  clientId: "acme-web",
  tokenEndpointAuthMethod: "client_secret_basic" as const,
  redirectUris: ["https://app.acme.example/auth/callback"],
  postLogoutRedirectUris: ["https://app.acme.example/"],
  grantTypes: ["authorization_code" as const, "refresh_token" as const],
  allowedScopes: ["openid" as const, "profile" as const, "email" as const, "offline_access" as const],
  firstParty: true,
  jwks: null,
  logoUri: null,
  accessTokenTtlSeconds: 600,
  refreshTokenTtlSeconds: 2_592_000,
  createdAt: at,
  updatedAt: at,
};
const clientSecret = "plinto_cs_Vt3q0mJ8yQ2s1Xc9fK4nB7dL6hR5wZ0pE3aT8uY1iO2";

export const applicationExamples = {
  list: { applications: [application] },
  create: {
    request: { name: "Acme web", type: "web", redirectUris: ["https://app.acme.example/auth/callback"], postLogoutRedirectUris: ["https://app.acme.example/"] },
    response: { application, clientSecret },
  },
  get: { application },
  update: { request: { name: "Acme web (EU)", accessTokenTtlSeconds: 900 }, response: { application: { ...application, name: "Acme web (EU)", accessTokenTtlSeconds: 900 } } },
  rotateSecret: { application, clientSecret },
};
