/**
 * Our side of bench/constrained-fit.bench.ts, run by it as `node bench/constrained-fit-ours.mjs
 * CASES.json MODE` (MODE cold or warm) on the compiled package (lib/dist, what the notebooks'
 * kernel loads), in a plain node process like the SciPy side's own process. CASES.json holds the
 * problems with their typed arrays as {"f64": base64} / {"i32": base64} of their bytes. After a
 * JIT warm-up on (up to) the first 300 days, times one pass over all days: cold =
 * `fitConstrainedWeights(p)` per day, warm = `fitConstrainedWeightsSeries` (each day warm-started
 * from the previous one). Prints one JSON line: seconds, the angles and the number of quadprog
 * fallbacks.
 */
import { readFileSync } from "node:fs";
import { aila } from "@factor-index/lib";

const [file, mode] = process.argv.slice(2);
if (mode !== "cold" && mode !== "warm") throw new Error(`MODE must be cold or warm, got ${mode}`);
const fromBase64 = (text, Type) => {
  const b = Buffer.from(text, "base64");
  // copy into a fresh, aligned buffer of exactly the array's bytes
  return new Type(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const revive = (_key, v) => {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    if (typeof v.f64 === "string") return fromBase64(v.f64, Float64Array);
    if (typeof v.i32 === "string") return fromBase64(v.i32, Int32Array);
  }
  return v;
};
const problems = JSON.parse(readFileSync(file, "utf8"), revive);
const run = (ps) => (mode === "cold" ? ps.map((p) => aila.fitConstrainedWeights(p)) : aila.fitConstrainedWeightsSeries(ps));
run(problems.slice(0, 300));
const t0 = performance.now();
const res = run(problems);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({
    seconds,
    angles: res.map((r) => r.angle),
    fallbacks: res.filter((r) => r.solver === "quadprog").length,
  })}\n`,
);
