import type { Application as ApplicationJson } from "@plinto/contracts";
import type { Application } from "../../../services/applications/applications";

/** An application on the wire: every setting, never the secret's hash. */
export function applicationJson(application: Application): ApplicationJson {
  return {
    id: application.id,
    name: application.name,
    type: application.type,
    clientId: application.clientId,
    tokenEndpointAuthMethod: application.tokenEndpointAuthMethod as ApplicationJson["tokenEndpointAuthMethod"],
    redirectUris: application.redirectUris,
    postLogoutRedirectUris: application.postLogoutRedirectUris,
    grantTypes: application.grantTypes as ApplicationJson["grantTypes"],
    allowedScopes: application.allowedScopes as ApplicationJson["allowedScopes"],
    firstParty: application.firstParty,
    jwks: application.jwks,
    logoUri: application.logoUri,
    accessTokenTtlSeconds: application.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: application.refreshTokenTtlSeconds,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}
