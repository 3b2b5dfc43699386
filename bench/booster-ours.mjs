/**
 * Our side of bench/booster.bench.ts, run by it as `node bench/booster-ours.mjs DATA.json REPS
 * WORKERS` on the compiled package (lib/dist, what the notebooks' kernel loads), in a plain node
 * process like the Python side's own process. Prints one JSON line: median wall and CPU seconds of
 * fit + predict (22 and 12 features), the In[32]–In[39] stage sequentially and with WORKERS
 * threads for the expanding window, and the results to compare.
 */
import { readFileSync } from "node:fs";
import { model } from "@factor-index/lib";

const [file, repsArg, workersArg] = process.argv.slice(2);
const reps = Number(repsArg);
const workers = Number(workersArg);
const { X, y, split, dates } = JSON.parse(readFileSync(file, "utf8"));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const cpuSeconds = (c) => (c.user + c.system) / 1e6;

async function timed(fn, n) {
  let out = await fn(); // warm-up
  const wall = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    out = await fn();
    cpu.push(cpuSeconds(process.cpuUsage(c0)));
    wall.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(wall), cpu: median(cpu), out };
}

function fitPredict(k) {
  const Xk = X.map((r) => r.slice(0, k));
  const ytr = y.slice(0, split);
  return new model.XGBClassifier({ randomState: 42 })
    .fit(Xk.slice(0, split), ytr, { sampleWeight: model.balancedSampleWeights(ytr) })
    .predictProba(Xk.slice(split));
}

/**
 * RFE 22 → 12 on the scaled training rows (with `threads` > 1 a helper thread grows half of each
 * round's trees), then the expanding window on the survivors (its months shared by `threads`).
 */
async function stage(threads) {
  const trainNorm = new model.StandardScaler().fitTransform(X.slice(0, split));
  const ytr = y.slice(0, split);
  const names = Array.from({ length: 22 }, (_, j) => `f${j}`);
  // one helper thread for RFE's fits and the window's second share (as runArticlePipelineParallel)
  const helper = threads === 2 ? model.BoosterHelper.start() : null;
  const rfe = model.recursiveFeatureElimination(trainNorm, ytr, names, {
    sampleWeight: model.balancedSampleWeights(ytr),
    threads,
    helper,
  });
  const idx = rfe.selected.map((f) => Number(f.slice(1)));
  const res = await model.expandingWindowParallel(
    { dates, X: X.map((r) => idx.map((j) => r[j])), y, splitDate: "2019-01-01" },
    { workers: threads, helper },
  );
  helper?.close();
  return { selected: idx, predictions: res.predictions, probabilities: res.probabilities, fits: rfe.steps.length + 1 + res.fits };
}

const fit22 = await timed(() => fitPredict(22), reps);
const fit12 = await timed(() => fitPredict(12), reps);
const once = async (fn) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await fn();
  return { seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds(process.cpuUsage(c0)), out };
};
const stage1 = await once(() => stage(1));
const stageN = await once(() => stage(workers));
process.stdout.write(
  `${JSON.stringify({
    node: process.version,
    fit22: { seconds: fit22.seconds, cpu: fit22.cpu, proba: fit22.out },
    fit12: { seconds: fit12.seconds, cpu: fit12.cpu, proba: fit12.out },
    stage1: { seconds: stage1.seconds, cpu: stage1.cpu, ...stage1.out },
    stageN: { seconds: stageN.seconds, cpu: stageN.cpu, workers, ...stageN.out },
  })}\n`,
);
