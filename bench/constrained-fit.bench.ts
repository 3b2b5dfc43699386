/**
 * Benchmark: the exact minimum-angle constrained fit (lib/aila/constrained-weights.ts, cone
 * projection with quadprog) against SciPy SLSQP minimising the angle (the methodology's solver,
 * test/reference/slsqp_constrained_fit.py --stdin, analytic gradients) on the same inputs, in the
 * same run.
 *
 *   npx tsx bench/constrained-fit.bench.ts [--sample-every N] [--scaled-every N] [--no-python]
 *
 * Cases: (1) every day of the daily sample where a fit is performed (the per-day wU, asset caps,
 * sector caps, Sharpe ratios and floor of `runAilaIndex` with default parameters); (2) a scaled
 * synthetic case, 100 assets × 5,000 days (seeded, test/aila/synthetic-fit-cases.ts). Two
 * TypeScript solvers are timed side by side: "cold" (`fitConstrainedWeights(p)`, quadprog every
 * day) and "warm" (`fitConstrainedWeightsSeries`, each day warm-started from the previous day's
 * working set by the structured active-set solver, quadprog fallback), with the largest |warm −
 * cold| angle and the number of fallbacks. SLSQP runs on every N-th day (defaults: all sample days,
 * every 25th scaled day) and is compared with the TypeScript results of the same days. Reported:
 * days/second, the ratios, and on how many days each reaches the smaller angle (difference
 * > 1e-12 rad), plus the largest excess of the TypeScript angle over SLSQP's.
 * Our solvers are timed on the compiled package (lib/dist, built first) in a plain node child
 * process, bench/constrained-fit-ours.mjs, as the notebooks' kernel loads them.
 * Python missing → the SciPy side is skipped with a message.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { runAilaIndex } from "../lib/aila/aila-index";
import type { ConstrainedFitProblem } from "../lib/aila/constrained-weights";
import { readDailySample } from "../lib/aila/daily-data";
import { scaledFitCases } from "../test/aila/synthetic-fit-cases";
import { buildLib } from "./build-lib";

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : def;
};
const sampleEvery = opt("--sample-every", 1);
const scaledEvery = opt("--scaled-every", 25);
const PY = "/usr/bin/python3";
const usePython = !args.includes("--no-python") && existsSync(PY);
const root = join(__dirname, "..");
// our solvers run on the compiled package (lib/dist) in a child process: build it first
buildLib(root);
const workDir = mkdtempSync(join(tmpdir(), "constrained-fit-bench-"));
process.on("exit", () => rmSync(workDir, { recursive: true, force: true }));

interface Case {
  problem: ConstrainedFitProblem;
}

function sampleCases(): Case[] {
  const ds = readDailySample("data/sample/daily");
  const r = runAilaIndex(ds);
  const out: Case[] = [];
  for (let t = 0; t < r.dates.length; t++) {
    const f = r.fits[t];
    if (f.status !== "fit" && f.status !== "scaled") continue;
    out.push({
      problem: {
        wU: r.wU[t],
        assetCaps: r.assetCaps[t],
        sector: r.sector,
        sectorCaps: r.sectorCaps,
        sharpe: r.sharpe[t],
        sharpeFloor: r.params.sharpeFloor,
      },
    });
  }
  return out;
}

function scaledCases(n = 100, days = 5000): Case[] {
  return scaledFitCases(n, days).map((problem) => ({ problem }));
}

type Mode = "cold" | "warm";

/**
 * Write the cases' problems for bench/constrained-fit-ours.mjs (once per case set, read by both
 * modes): typed arrays as {"f64": base64} / {"i32": base64} of their bytes, exact (NaN, −0).
 */
function writeCases(cases: Case[], name: string): string {
  const bytes = (v: Float64Array | Int32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  const file = join(workDir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      cases.map((c) => c.problem),
      (_key, v) => (v instanceof Float64Array ? { f64: bytes(v) } : v instanceof Int32Array ? { i32: bytes(v) } : v),
    ),
  );
  return file;
}

/** Time one solver mode over the cases in `file` in a plain node process on the compiled package. */
function runTs(file: string, mode: Mode) {
  const res = spawnSync(process.execPath, [join(__dirname, "constrained-fit-ours.mjs"), file, mode], {
    cwd: root,
    maxBuffer: 1 << 28,
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`bench/constrained-fit-ours.mjs ${mode} failed:\n${res.stderr.slice(-2000)}`);
  const out = JSON.parse(res.stdout) as { seconds: number; angles: number[]; fallbacks: number };
  return { ...out, angles: Float64Array.from(out.angles) };
}

function runPython(cases: Case[]) {
  const payload = JSON.stringify({
    cases: cases.map((c) => ({
      wU: Array.from(c.problem.wU),
      caps: Array.from(c.problem.assetCaps),
      sector: Array.from(c.problem.sector ?? []),
      sectorCaps: Array.from(c.problem.sectorCaps ?? []),
      sharpe: Array.from(c.problem.sharpe ?? []),
      sharpeFloor: c.problem.sharpeFloor,
    })),
  });
  const res = spawnSync(PY, ["test/reference/slsqp_constrained_fit.py", "--stdin"], {
    input: payload,
    maxBuffer: 1 << 28,
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`SLSQP reference failed: ${res.stderr.slice(-2000)}`);
  return JSON.parse(res.stdout) as { angles: number[]; feasible: boolean[]; violations: number[]; seconds: number };
}

function report(name: string, cases: Case[], every: number) {
  const file = writeCases(cases, "all");
  const cold = runTs(file, "cold");
  const warm = runTs(file, "warm");
  const sub = cases.filter((_, k) => k % every === 0);
  const subIdx = cases.map((_, k) => k).filter((k) => k % every === 0);
  let wc = 0;
  let wcUp = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < cases.length; k++) {
    wc = Math.max(wc, Math.abs(warm.angles[k] - cold.angles[k]));
    wcUp = Math.max(wcUp, warm.angles[k] - cold.angles[k]);
  }
  const coldAll = cases.length / cold.seconds;
  const warmAll = cases.length / warm.seconds;
  console.log(`\n## ${name}`);
  console.log(
    `TypeScript cold (quadprog every day): ${cases.length} days in ${cold.seconds.toFixed(3)} s = ${coldAll.toFixed(0)} days/s`,
  );
  console.log(
    `TypeScript warm (active-set series): ${cases.length} days in ${warm.seconds.toFixed(3)} s = ${warmAll.toFixed(0)} days/s (${(warmAll / coldAll).toFixed(1)}x cold); quadprog fallback on ${warm.fallbacks} days`,
  );
  console.log(
    `warm vs cold angle: max |difference| ${wc.toExponential(2)} rad, max (warm − cold) ${wcUp.toExponential(2)} rad (target ≤ 1e-12)`,
  );
  if (!usePython) {
    console.log(`SciPy SLSQP: skipped (${PY} not found or --no-python)`);
    return;
  }
  const py = runPython(sub);
  const pyRate = sub.length / py.seconds;
  // both TypeScript solvers on the same subsample, timed separately (warm: series over the subsample)
  const subFile = writeCases(sub, "sub");
  const coldSub = runTs(subFile, "cold");
  const warmSub = runTs(subFile, "warm");
  const coldRate = sub.length / coldSub.seconds;
  const warmRate = sub.length / warmSub.seconds;
  const ts = warm;
  let tsSmaller = 0;
  let pySmaller = 0;
  let ties = 0;
  let pyInfeasible = 0;
  let worst = Number.NEGATIVE_INFINITY;
  let worstStrict = Number.NEGATIVE_INFINITY; // among days where SLSQP violates nothing by more than 1e-12
  let pySmallerInfeasible = 0;
  let pyMaxViolation = 0;
  for (let k = 0; k < sub.length; k++) {
    const a = ts.angles[subIdx[k]];
    if (!py.feasible[k]) {
      pyInfeasible++;
      tsSmaller++;
      continue;
    }
    const b = py.angles[k];
    const v = py.violations[k];
    pyMaxViolation = Math.max(pyMaxViolation, v);
    worst = Math.max(worst, a - b);
    if (v <= 1e-12) worstStrict = Math.max(worstStrict, a - b);
    if (a < b - 1e-12) tsSmaller++;
    else if (b < a - 1e-12) {
      pySmaller++;
      if (v > 1e-12) pySmallerInfeasible++;
    } else ties++;
  }
  console.log(
    `SciPy SLSQP: ${sub.length} days${every > 1 ? ` (every ${every}th day)` : ""} in ${py.seconds.toFixed(3)} s = ${pyRate.toFixed(1)} days/s`,
  );
  console.log(
    `TypeScript on the same days: cold ${coldRate.toFixed(0)} days/s (${(coldRate / pyRate).toFixed(1)}x SLSQP), warm ${warmRate.toFixed(0)} days/s (${(warmRate / pyRate).toFixed(1)}x SLSQP)`,
  );
  console.log(
    `against the all-days rates: cold ${(coldAll / pyRate).toFixed(1)}x, warm ${(warmAll / pyRate).toFixed(1)}x SLSQP (target ≥ 100x)`,
  );
  console.log(
    `smaller angle (> 1e-12 rad, warm solver): TypeScript ${tsSmaller} days (of which SLSQP infeasible > 1e-9: ${pyInfeasible}), SLSQP ${pySmaller} days, equal ${ties} days`,
  );
  console.log(
    `SLSQP smaller on ${pySmaller} days, of which ${pySmallerInfeasible} with an SLSQP constraint violation > 1e-12 (largest SLSQP violation accepted: ${pyMaxViolation.toExponential(2)})`,
  );
  console.log(`largest (TypeScript − SLSQP) angle: ${worst.toExponential(2)} rad (target ≤ 1e-9)`);
  console.log(
    `largest (TypeScript − SLSQP) angle where SLSQP is feasible to 1e-12: ${worstStrict.toExponential(2)} rad`,
  );
}

console.log(`# constrained fit benchmark — ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`);
report("daily sample (30 assets)", sampleCases(), sampleEvery);
report("scaled (100 assets × 5,000 days)", scaledCases(), scaledEvery);
