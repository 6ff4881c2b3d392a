export { PlintoClient, type PlintoClientOptions } from "./client";
export { PlintoError, PlintoNetworkError } from "./errors";
export type { HealthResponse, ReadyResponse, ProblemDetails } from "@plinto/contracts";
