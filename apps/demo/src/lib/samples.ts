import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The tutorials' code samples: real TypeScript files in `src/samples`, type-checked with the rest
 * of the demo (`pnpm typecheck`) and used by its live flows, so a sample cannot drift from the SDK.
 * The pages show their source, whole or one `// #region name` … `// #endregion` of it.
 */
export const SAMPLES = {
  client: "client.ts",
  "sign-in": "sign-in.ts",
  "fresh-sign-in": "fresh-sign-in.ts",
  "step-up": "step-up.ts",
  organizations: "organizations.ts",
  refresh: "refresh.ts",
  "sign-out": "sign-out.ts",
  verify: "verify.ts",
  outbox: "outbox.ts",
} as const;
export type SampleName = keyof typeof SAMPLES;

/** The samples folder: the demo is started from its own directory (`apps/demo`), or from the repository root. */
function samplesDir(): string {
  const candidates = [join(process.cwd(), "src", "samples"), join(process.cwd(), "apps", "demo", "src", "samples")];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export interface Sample {
  file: string;
  code: string;
}

/** A sample's source (or one region of it), or undefined when the file cannot be read. */
export function readSample(name: SampleName, region?: string): Sample | undefined {
  const file = SAMPLES[name];
  let source: string;
  try {
    source = readFileSync(join(samplesDir(), file), "utf8");
  } catch {
    return undefined;
  }
  if (!region) return { file: `src/samples/${file}`, code: source.replace(/^\s*\/\/ #(?:end)?region.*\n/gm, "").trim() };
  const match = new RegExp(`// #region ${region}\\n([\\s\\S]*?)// #endregion`).exec(source);
  return match ? { file: `src/samples/${file}`, code: match[1]!.trim() } : undefined;
}
