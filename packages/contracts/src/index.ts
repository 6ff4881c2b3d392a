export * from "./errors";
export * from "./problem";
export * from "./health";
export * from "./mail";
export * from "./auth";
export * from "./signing-keys";
export * from "./jwks";
export * from "./openapi";
