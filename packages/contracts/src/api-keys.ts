import type { Operation } from "./operation";

export const apiKeyOperations: Operation[] = [];
