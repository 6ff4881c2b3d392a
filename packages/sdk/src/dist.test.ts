/**
 * The package as it would be published: built with tsup, laid out with the `publishConfig`
 * exports map, then imported by plain Node (no TypeScript loader) and type-checked by tsc with
 * `nodenext` resolution, the way an app outside this workspace would use it. The wire contract
 * must be inside the bundle (it is a private workspace package), code and types.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Under the package's node_modules, so the bundle's own imports (jose, oauth4webapi, zod) resolve
// the way they would from an app's node_modules.
const work = join(root, "node_modules", ".cache", "dist-test");
const consumer = join(work, "consumer");
const installed = join(consumer, "node_modules", "@plinto", "sdk");

interface Manifest {
  exports: Record<string, string>;
  publishConfig: { exports: Record<string, string | { types: string; import: string }> };
}

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  await run(join(root, "node_modules", ".bin", "tsup"), ["--out-dir", join(installed, "dist")], { cwd: root });
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
  writeFileSync(
    join(installed, "package.json"),
    JSON.stringify({ name: "@plinto/sdk", version: "0.0.0", type: "module", exports: manifest.publishConfig.exports }),
  );
}, 120_000);

describe("the built package", () => {
  it("has a file for every export, and nothing in it refers to the unpublished contract package", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
    expect(Object.keys(manifest.publishConfig.exports)).toEqual(Object.keys(manifest.exports));
    const files = readdirSync(join(installed, "dist"));
    for (const target of Object.values(manifest.publishConfig.exports)) {
      if (typeof target === "string") continue;
      expect(files).toContain(target.import.replace("./dist/", ""));
      expect(files).toContain(target.types.replace("./dist/", ""));
    }
    for (const file of files.filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))) {
      expect(readFileSync(join(installed, "dist", file), "utf8"), file).not.toContain("@plinto/contracts");
    }
  });

  it("loads in plain Node through the exports map, and the browser entry leaves the management client out", async () => {
    const script = `
      const root = await import("@plinto/sdk");
      const server = await import("@plinto/sdk/server");
      const browser = await import("@plinto/sdk/browser");
      const client = new root.PlintoClient({ baseUrl: "https://api.example.com", apiKey: "plinto_sk_test" });
      let refused = "";
      try { server.createTokenVerifier({ issuer: "http://auth.example.com/t/a", audience: "x" }); } catch (e) { refused = e.message; }
      console.log(JSON.stringify({
        root: Object.keys(root).sort(), server: Object.keys(server).sort(), browser: Object.keys(browser).sort(),
        baseUrl: client.baseUrl, refused,
      }));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer });
    const loaded = JSON.parse(stdout) as Record<string, string[] | string>;
    expect(loaded.root).toEqual(expect.arrayContaining(["PlintoClient", "PlintoApiError", "verifyToken", "createPlintoAuth"]));
    expect(loaded.server).toEqual(expect.arrayContaining(["verifyToken", "createTokenVerifier", "TokenExpiredError", "TokenInvalidError"]));
    expect(loaded.server).not.toContain("createPlintoAuth");
    expect(loaded.browser).toEqual(expect.arrayContaining(["createPlintoAuth", "PlintoAuthError", "sessionStorageTokenStore"]));
    expect(loaded.browser).not.toContain("PlintoClient");
    expect(loaded.baseUrl).toBe("https://api.example.com");
    expect(loaded.refused).toMatch(/must use https/);
  });

  it("type-checks in an app with nodenext resolution, with the contract's types inlined (not any)", async () => {
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023", "dom"],
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: true,
        },
        files: ["app.ts"],
      }),
    );
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    writeFileSync(
      join(consumer, "app.ts"),
      `
import { PlintoApiError, PlintoClient, type Application } from "@plinto/sdk";
import { verifyToken, type VerifiedAccessToken } from "@plinto/sdk/server";
import { createPlintoAuth, sessionStorageTokenStore } from "@plinto/sdk/browser";

const client = new PlintoClient({ baseUrl: "https://api.example.com", apiKey: "plinto_sk_test" });
export const apps: Promise<Application[]> = client.applications.list();
export const created = client.applications.create({ name: "Portal", type: "web", redirectUris: ["https://a.example/cb"] });
export const verified: Promise<VerifiedAccessToken> = verifyToken("t", { issuer: "https://auth.example.com/t/a", audience: "https://auth.example.com/v1" });
export const auth = createPlintoAuth({ issuer: "https://auth.example.com/t/a", clientId: "c", redirectUri: "https://a.example/cb", tokenStore: sessionStorageTokenStore() });
export function describeError(e: unknown): string {
  return e instanceof PlintoApiError ? e.code + " " + Object.keys(e.fields).join(",") : "";
}
export function nameOf(app: Application): string {
  // @ts-expect-error the contract is typed, so a field it does not have is an error
  void app.clientSecretHash;
  return app.name;
}
// @ts-expect-error type is one of web, spa, native, machine
client.applications.create({ name: "x", type: "hybrid" });
`,
    );
    const tsc = join(root, "node_modules", ".bin", "tsc");
    const result = await run(tsc, ["-p", join(consumer, "tsconfig.json")], { cwd: consumer }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe("");
  }, 60_000);
});
