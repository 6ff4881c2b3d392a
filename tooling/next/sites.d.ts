export type SiteName = "api" | "www" | "docs" | "admin" | "app" | "demo";
export declare const sites: ReadonlyArray<{ name: SiteName; port: number; title: string; audience: string }>;
export declare function portOffset(env?: NodeJS.ProcessEnv): number;
export declare function sitePort(name: SiteName, env?: NodeJS.ProcessEnv): number;
export declare function siteUrl(name: SiteName, env?: NodeJS.ProcessEnv): string;
