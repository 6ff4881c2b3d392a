/**
 * `@plinto/sdk`: the management API client, plus everything in `@plinto/sdk/server` (token
 * verification) and `@plinto/sdk/browser` (sign-in). Import the subpath you need to keep a
 * browser bundle free of the management client and its schemas.
 */
export {
  PlintoClient,
  type ApplicationsApi,
  type PlintoClientOptions,
  type RotateSigningKeysRequest,
  type RotateSigningKeysResponse,
  type SigningKeysApi,
} from "./client";
export { PlintoAccountClient, type AvatarFile, type PlintoAccountClientOptions } from "./account";
export type { AuditEventExportQuery, AuditEventListQuery, PageQuery, UserListQuery } from "./management";
export { PlintoApiError, PlintoError, PlintoNetworkError } from "./errors";
export type {
  AccountProfile,
  Application,
  ApplicationResponse,
  ApplicationSecretRotatedResponse,
  CreateApplicationRequest,
  ErrorCode,
  HealthResponse,
  ProblemDetails,
  ReadyResponse,
  SigningKey,
  UpdateApplicationRequest,
} from "@plinto/contracts";
export * from "./server";
export * from "./browser";
