export declare const PLATFORM_TENANT: "plinto";
export declare const signInSites: { readonly admin: "admin"; readonly app: "app" };
export declare function plintoHome(env?: NodeJS.ProcessEnv): string;
export declare function readDevCredentials(
  home: string,
): { applications?: Record<string, Record<string, { clientId?: string; clientSecret?: string }>> } | undefined;
export declare const DEMO_TENANT: "demo";
export declare function nextAuthSecret(home: string): string;
export declare function storedSecret(home: string, name: string): string;
export declare function siteAuthEnv(env?: NodeJS.ProcessEnv, options?: { home?: string }): (site: string) => Record<string, string>;
