/**
 * Benchmark: the default booster engine (lib/model/booster-exact.ts, XGBoost's exact greedy
 * algorithm in TypeScript) against Python xgboost 1.7.4 (`tree_method="exact"`) on identical,
 * seeded, article-sized data, in the same run.
 *
 *   npx tsx bench/booster.bench.ts [--reps N] [--workers N] [--no-python] [--py-default-threads]
 *                                  [--py-default-threads-stage] [--ml-xgboost]
 *
 * Data: 294 months (2000-01-31 … 2024-06-30), 22 features, 6 classes; the 228 months before
 * 2019-01-01 train, the 66 after test (the article's shapes). Cases:
 * (1) fit (100 rounds, depth 6, balanced sample weights) + predict_proba of the 66 test rows with
 *     22 and with 12 features — median of N repetitions after one warm-up, each side;
 * (2) the whole In[32]–In[39] stage: scaler, RFE 22 → 12, expanding window (66 fits, 66
 *     predictions), ours once on 1 thread and once with the month fits on `--workers` threads
 *     (default: the machine's cores); the two must agree bit for bit or the benchmark fails.
 * Each side runs in its own process on the same data file, timed inside it (no start-up, no
 * imports): ours is bench/booster-ours.mjs on the compiled package lib/dist (what the notebooks'
 * kernel loads; the TypeScript sources under tsx's loader run about 12 % slower here), Python is
 * test/reference/xgb_bench.py with n_jobs=1; with `--py-default-threads` also with xgboost's
 * default thread count (all cores) for case (1); `--py-default-threads-stage` runs case (2) with
 * the default thread count instead of n_jobs=1 (very slow on a loaded machine: OpenMP threads spin
 * while waiting for a core). Times: median wall clock and median process CPU time (user + system,
 * all threads) on both sides. `--ml-xgboost` adds the WebAssembly engine (unweighted fit +
 * predict, child process included, in this process) for information. Python missing → its side
 * is skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { XGBClassifier } from "../lib/model/classifier";
import { MlXgboostClassifier } from "../lib/model/ml-xgboost-engine";
import { createRng } from "../lib/random";
import { buildLib } from "./build-lib";

const args = process.argv.slice(2);
const reps = (() => {
  const k = args.indexOf("--reps");
  return k >= 0 ? Number(args[k + 1]) : 5;
})();
const PY = "/usr/bin/python3";
const SCRIPT = join(__dirname, "..", "test", "reference", "xgb_bench.py");
const pyDefault = args.includes("--py-default-threads");
const pyDefaultStage = args.includes("--py-default-threads-stage");

/** Article-sized synthetic data: persistent features, labels from a noisy linear softmax. */
function makeData() {
  const rng = createRng(20240630);
  const n = 294;
  const p = 22;
  const k = 6;
  const dates: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = 2000 + Math.floor(i / 12);
    const m = (i % 12) + 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    dates.push(`${y}-${String(m).padStart(2, "0")}-${String(last).padStart(2, "0")}`);
  }
  const level = new Array<number>(p).fill(0);
  const X: number[][] = [];
  for (let i = 0; i < n; i++) {
    X.push(
      level.map((_, j) => {
        level[j] += 0.1 * rng.normal();
        const v = level[j] + rng.normal();
        return j >= 13 ? Math.round(v * 10) / 10 : v; // macro-like columns with one decimal
      }),
    );
  }
  const coef = Array.from({ length: p }, () =>
    Array.from({ length: k }, () => (rng.uniform() < 0.5 ? rng.normal() : 0)),
  );
  const bias = [0.4, -0.1, 0.4, 0.7, -0.3, 0];
  const y = X.map((row) => {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < k; c++) {
      let v = bias[c] - 1.5 * Math.log(-Math.log(rng.uniform() || 1e-12));
      for (let j = 0; j < p; j++) v += 0.35 * row[j] * coef[j][c];
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    return best;
  });
  return { dates, X, y, split: dates.filter((d) => d < "2019-01-01").length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall and CPU (user + system, whole process) seconds of n calls after one warm-up. */
function timeIt<T>(fn: () => T, n: number): { seconds: number; cpu: number; out: T } {
  let out = fn(); // warm-up
  const t: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    out = fn();
    const dc = process.cpuUsage(c0);
    t.push((performance.now() - t0) / 1000);
    c.push((dc.user + dc.system) / 1e6);
  }
  return { seconds: median(t), cpu: median(c), out };
}

const data = makeData();
const { X, y, split } = data;
const cols = (k: number) => X.map((r) => r.slice(0, k));

interface OursOut {
  node: string;
  fit22: { seconds: number; cpu: number; proba: number[][] };
  fit12: { seconds: number; cpu: number; proba: number[][] };
  stage1: StageOut;
  stageN: StageOut & { workers: number };
}
interface StageOut {
  seconds: number;
  cpu: number;
  selected: number[];
  predictions: number[];
  probabilities: number[][];
  fits: number;
}

const cpuModel = cpus()[0]?.model ?? "unknown";
const workers = (() => {
  const k = args.indexOf("--workers");
  return k >= 0 ? Number(args[k + 1]) : availableParallelism();
})();
console.log(`machine: ${cpus().length} logical CPUs (${cpuModel}), Node ${process.version}`);
console.log(`data: ${X.length} rows (train ${split}, test ${X.length - split}), 22 features, 6 classes, 100 rounds`);

const dir = mkdtempSync(join(tmpdir(), "booster-bench-"));
const file = join(dir, "data.json");
writeFileSync(file, JSON.stringify({ X, y, split, dates: data.dates }));
// our side: the compiled package (lib/dist, as the notebooks load it) in a plain node process
buildLib();
const oursRun = spawnSync(
  process.execPath,
  [join(__dirname, "booster-ours.mjs"), file, String(reps), String(workers)],
  {
    cwd: join(__dirname, ".."),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  },
);
if (oursRun.status !== 0) throw new Error(`bench/booster-ours.mjs failed:\n${oursRun.stderr}`);
const ours = JSON.parse(oursRun.stdout.trim().split("\n").pop()!) as OursOut;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const resultOf = (st: StageOut) => [st.selected, st.predictions, st.probabilities, st.fits];
if (!same(resultOf(ours.stageN), resultOf(ours.stage1)))
  throw new Error(`the stage with ${workers} workers differs from the sequential stage`);

interface PyOut {
  xgboost: string;
  fit22: { threads1: number; cpu1: number; threadsDefault?: number; cpuDefault?: number; proba: number[][] };
  fit12: { threads1: number; cpu1: number; threadsDefault?: number; cpuDefault?: number; proba: number[][] };
  stage: { seconds: number; cpu: number; threads: string; selected: number[]; predictions: number[] };
}
let py: PyOut | null = null;
if (args.includes("--no-python")) console.log("Python side skipped (--no-python)");
else if (!existsSync(PY)) console.log(`Python side skipped: ${PY} not found`);
else {
  const r = spawnSync(PY, [SCRIPT, file, String(reps), pyDefaultStage ? "default" : "1", pyDefault ? "1" : "0"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const why = /No module named '?(\w+)/.exec(r.stderr ?? "")?.[0] ?? (r.stderr ?? "").trim().split("\n").pop();
    console.log(`Python side skipped: ${why}`);
  } else py = JSON.parse(r.stdout.trim().split("\n").pop()!) as PyOut;
}

const fmt = (s: number) => `${(s * 1000).toFixed(1)} ms`;
const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(3) : "-");
const rows: string[][] = [
  ["case", "ours wall", "ours CPU", "python wall", "python CPU", "ratio wall", "ratio CPU", "max |Δp|"],
];
for (const [name, pk] of [
  ["fit+predict 228×22", "fit22"],
  ["fit+predict 228×12", "fit12"],
] as const) {
  const p = py?.[pk];
  const o = ours[pk];
  rows.push([
    `${name} (py n_jobs=1)`,
    fmt(o.seconds),
    fmt(o.cpu),
    p ? fmt(p.threads1) : "-",
    p ? fmt(p.cpu1) : "-",
    ratio(o.seconds, p?.threads1),
    ratio(o.cpu, p?.cpu1),
    p ? maxDiff(o.proba, p.proba).toExponential(1) : "-",
  ]);
  if (p?.threadsDefault !== undefined)
    rows.push([
      `${name} (py default threads)`,
      fmt(o.seconds),
      fmt(o.cpu),
      fmt(p.threadsDefault),
      fmt(p.cpuDefault ?? 0),
      ratio(o.seconds, p.threadsDefault),
      ratio(o.cpu, p.cpuDefault),
      "",
    ]);
}
for (const st of [ours.stage1, ours.stageN]) {
  const threads = st === ours.stage1 ? 1 : workers;
  rows.push([
    `stage: RFE + expanding window, ours ${st.fits} fits on ${threads} thread${threads === 1 ? "" : "s"}, py ${st.fits - 1} (py n_jobs=${py?.stage.threads ?? "-"})`,
    `${st.seconds.toFixed(2)} s`,
    `${st.cpu.toFixed(2)} s`,
    py ? `${py.stage.seconds.toFixed(2)} s` : "-",
    py ? `${py.stage.cpu.toFixed(2)} s` : "-",
    ratio(st.seconds, py?.stage.seconds),
    ratio(st.cpu, py?.stage.cpu),
    py
      ? `same features: ${same(py.stage.selected, st.selected)}; same predictions: ${same(py.stage.predictions, st.predictions)}`
      : "",
  ]);
}
if (args.includes("--ml-xgboost")) {
  const Xk = cols(12);
  const w = timeIt(
    () => new MlXgboostClassifier().fit(Xk.slice(0, split), y.slice(0, split)).predictProba(Xk.slice(split)),
    Math.min(reps, 3),
  );
  const o = timeIt(
    () => new XGBClassifier().fit(Xk.slice(0, split), y.slice(0, split)).predictProba(Xk.slice(split)),
    Math.min(reps, 3),
  );
  rows.push([
    "ours vs ml-xgboost, unweighted 228×12 (child process included)",
    fmt(o.seconds),
    fmt(o.cpu),
    `${fmt(w.seconds)} (ml-xgboost)`,
    "-",
    ratio(o.seconds, w.seconds),
    "-",
    maxDiff(o.out, w.out).toExponential(1),
  ]);
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `ours: compiled lib/dist under node ${ours.node}; stage with ${workers} workers = stage on 1 thread, bit for bit`,
);
if (py) console.log(`reference: Python xgboost ${py.xgboost}`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
