import type { Operation } from "./operation";

export const tenantOperations: Operation[] = [];
