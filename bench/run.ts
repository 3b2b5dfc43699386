/**
 * `npm run bench [-- NAME ...]` — run the benchmarks in bench/ (files `NAME.bench.ts`), each in
 * its own process so one cannot disturb another's timings. Without names, all of them run in
 * name order. Each benchmark measures our code and its reference (Python xgboost, SciPy SLSQP,
 * …) in the same run and prints the ratio; see bench/README.md.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = __dirname;
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.slice(0, -".bench.ts".length))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(`Usage: npm run bench [-- NAME ...]\nBenchmarks: ${all.join(", ") || "(none)"}`);
  process.exit(0);
}
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${all.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n=== bench ${name}`);
  const r = spawnSync(join(dir, "..", "node_modules", ".bin", "tsx"), [join(dir, `${name}.bench.ts`)], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
