/**
 * Benchmark: the exact standard-index correlation preference (lib/aila/correlation-bias.ts,
 * cone-and-face projection with a KKT certificate) against SciPy SLSQP minimising the angle on
 * the asset weights (the methodology's own solver, test/reference/slsqp_correlation_bias.py
 * --stdin, analytic gradients, one run started at wU), on the same inputs in the same run.
 *
 *   npx tsx bench/correlation-bias.bench.ts [--every N] [--no-python]
 *
 * Cases: every day of the daily sample on which the preference is evaluated (the day's unit-risk
 * weights, volatilities, groups and standard-index weights of `runAilaIndex`), for positive
 * degree 2 (60°) and negative degree 2; SLSQP on every N-th day (default 4). Reported: days/s of
 * both, the ratio on the same days, the days on which each reaches the smaller angle to wU
 * (difference > 1e-9 rad), SLSQP's infeasible days (violation > 1e-9), and the days on which we
 * decline (no admissible direction) while SLSQP moves. Python missing → SLSQP skipped, says so.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { type CorrelationBiasInput, correlationBias } from "../lib/aila/correlation-bias";
import { readDailySample, standardWeightsOn } from "../lib/aila/daily-data";
import { unitRiskWeights } from "../lib/aila/unconstrained-weights";
import { ewmaVolatility, simpleReturns } from "../lib/aila/volatility";

const args = process.argv.slice(2);
const k = args.indexOf("--every");
const every = k >= 0 ? Number(args[k + 1]) : 4;
const PY = "/usr/bin/python3";
const usePython = !args.includes("--no-python") && existsSync(PY);

function cases(preference: "positive" | "negative"): CorrelationBiasInput[] {
  const ds = readDailySample("data/sample/daily");
  const groups = ds.assets.map((a) => a.group);
  const vol = ds.prices.map((p, i) => ewmaVolatility(simpleReturns(p, ds.assets[i].id), { lookback: 63 }));
  const out: CorrelationBiasInput[] = [];
  for (let t = 0; t < ds.dates.length; t++) {
    const sig = Float64Array.from(ds.signals, (s) => (Number.isNaN(s[t]) ? 0 : s[t]));
    const vt = Float64Array.from(vol, (v) => v[t]);
    const u = unitRiskWeights(sig, vt, { rLS: 1, nEffective: true, groups });
    const standard = standardWeightsOn(ds, ds.dates[t])!;
    const active = u.weights.filter((w) => w !== 0).length;
    if (active < 5) continue;
    out.push({
      wU: u.weights,
      standard,
      vols: Float64Array.from(vt, (v) => (v > 0 ? v : 0)),
      groups,
      preference,
      maxAngle: Math.PI / 3,
      eligible: ds.prices.map((p) => !Number.isNaN(p[t])),
    });
  }
  return out;
}

function runTs(cs: CorrelationBiasInput[]) {
  for (const c of cs.slice(0, 50)) correlationBias(c); // warm-up
  const t0 = performance.now();
  const res = cs.map((c) => correlationBias(c));
  return { res, seconds: (performance.now() - t0) / 1000 };
}

function runPython(cs: CorrelationBiasInput[]) {
  const payload = JSON.stringify({
    cases: cs.map((c) => ({
      wU: Array.from(c.wU),
      standard: Array.from(c.standard),
      vols: Array.from(c.vols),
      groups: Array.from(c.groups as ArrayLike<string>),
      preference: c.preference,
      maxAngle: c.maxAngle,
      universe: "standard",
      eligible: Array.from(c.eligible ?? []),
    })),
  });
  const r = spawnSync(PY, ["test/reference/slsqp_correlation_bias.py", "--stdin"], {
    input: payload,
    maxBuffer: 1 << 28,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`SLSQP reference failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as { angles: number[]; feasible: boolean[]; violations: number[]; seconds: number };
}

console.log(`# correlation preference: exact projection vs SciPy SLSQP`);
console.log(`machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`);
for (const preference of ["positive", "negative"] as const) {
  const cs = cases(preference);
  const all = runTs(cs);
  const sub = cs.filter((_, i) => i % every === 0);
  const ts = runTs(sub);
  console.log(`\n## ${preference}, degree 2 (60°): ${cs.length} days`);
  console.log(
    `TypeScript: ${cs.length} days in ${all.seconds.toFixed(3)} s = ${(cs.length / all.seconds).toFixed(0)} days/s; ` +
      `certified ${all.res.filter((r) => r.applied).length}, ` +
      `reasons ${JSON.stringify(Object.fromEntries([...new Set(all.res.map((r) => r.reason))].map((k) => [k, all.res.filter((r) => r.reason === k).length])))}`,
  );
  if (!usePython) {
    console.log(`SciPy SLSQP: skipped (${PY} not found or --no-python)`);
    continue;
  }
  const py = runPython(sub);
  let tsSmaller = 0;
  let pySmaller = 0;
  let equal = 0;
  let pyInfeasible = 0;
  let declined = 0;
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < sub.length; i++) {
    const r = ts.res[i];
    if (!py.feasible[i]) {
      pyInfeasible++;
      continue;
    }
    if (r.reason === "no-admissible-direction") {
      declined++;
      continue;
    }
    const d = r.angleToWU - py.angles[i];
    worst = Math.max(worst, d);
    if (d < -1e-9) tsSmaller++;
    else if (d > 1e-9) pySmaller++;
    else equal++;
  }
  const tsRate = sub.length / ts.seconds;
  const pyRate = sub.length / py.seconds;
  console.log(
    `SciPy SLSQP: ${sub.length} days (every ${every}th) in ${py.seconds.toFixed(2)} s = ${pyRate.toFixed(1)} days/s`,
  );
  console.log(`ratio on the same days: ${(tsRate / pyRate).toFixed(1)}× (TypeScript ${tsRate.toFixed(0)} days/s)`);
  console.log(
    `smaller angle to wU: TypeScript ${tsSmaller} / SLSQP ${pySmaller} / equal ${equal}; ` +
      `SLSQP infeasible ${pyInfeasible}; we decline (every admissible direction ≥ 90° from wU) ${declined}; ` +
      `max (TS − SLSQP) angle ${worst.toExponential(2)} rad`,
  );
}
