import type { NextConfig } from "next";
export declare const securityHeaders: Array<{ key: string; value: string }>;
export declare function defineSiteConfig(overrides?: NextConfig): NextConfig;
