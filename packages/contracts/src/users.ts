import type { Operation } from "./operation";

export const userOperations: Operation[] = [];
