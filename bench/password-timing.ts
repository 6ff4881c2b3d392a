/**
 * How long each sign-in answer takes, per path: a stranger must not tell an unknown email from a
 * wrong password by the clock. Run by hand: `cd apps/api && npx tsx ../../bench/password-timing.ts`.
 * Prints the median and p90 of each path over interleaved runs (so machine load hits all alike).
 */
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../apps/api/src/lib/password";

const RUNS = Number(process.env.RUNS ?? 40);
const stored = await hashPassword("correct horse battery staple");
const bcrypt = "$2b$10$N9qo8uLOickgx2ZMRZoMyehtJ/whDdsI.d1w/JqKiOrDw8pCT0JLG";

const paths: Record<string, () => Promise<unknown>> = {
  "known user, wrong password (argon2id)": () => verifyPassword(stored, "wrong password"),
  "unknown user (dummy hash)": () => verifyAgainstDummy("wrong password"),
  "over-long password": () => verifyPassword(stored, "x".repeat(10_000)),
  "malformed stored hash": () => verifyPassword("not a hash", "wrong password"),
  "imported bcrypt (cost 10), wrong password": () => verifyPassword(bcrypt, "wrong password"),
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
await verifyPassword(stored, "warm-up");
for (let i = 0; i < RUNS; i++) {
  for (const [name, run] of Object.entries(paths)) {
    const start = process.hrtime.bigint();
    await run();
    samples[name]!.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * q)]!;
const baseline = quantile(samples["known user, wrong password (argon2id)"]!, 0.5);
console.log(`${RUNS} runs each\n`);
console.log(`${"path".padEnd(44)} ${"p50 ms".padStart(8)} ${"p90 ms".padStart(8)} ${"× known".padStart(8)}`);
for (const [name, values] of Object.entries(samples)) {
  const p50 = quantile(values, 0.5);
  console.log(`${name.padEnd(44)} ${p50.toFixed(2).padStart(8)} ${quantile(values, 0.9).toFixed(2).padStart(8)} ${(p50 / baseline).toFixed(2).padStart(8)}`);
}
