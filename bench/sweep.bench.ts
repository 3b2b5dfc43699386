/**
 * Benchmark: sweep throughput (configurations per second) of the local worker-thread pool
 * (lib/research/sweep-run.ts) with 1 and with 2 worker threads on the same grid, in the same
 * run, and the speed-up ratio; the rows of both runs are checked to be identical (timing aside).
 *
 *   npx tsx bench/sweep.bench.ts [--reps N] [--grid FILE]     (also `npm run bench -- sweep`)
 *
 * Grid (default): 8 configurations — errata corrected / faithful × the table's column order and
 * three seeded permutations — with a small booster (20 rounds, depth 3) on the embedded sample.
 * Each repetition runs 1 thread, then 2 threads, into fresh temporary folders (nothing resumed);
 * the wall clock spans the whole `runSweep` call, thread start-up and data loading included;
 * "mean run" is the mean of the configurations' own run times (the rows' `seconds`), which shows
 * whether two threads slow each configuration down (shared cores, caches, GC helper threads).
 * Also reported: the process CPU time (all threads) and CPU / wall, which shows how much of the
 * second core the run actually got, and the load average before and after (other processes on
 * the machine compete for the same cores). The machine is named (nproc, CPU model, Node.js).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { expandSweep, loadSweep, type SweepGridInput, type SweepPlan } from "../lib/research/sweep";
import { parseResultLine, RESULTS_JSONL } from "../lib/research/sweep-files";
import { runSweep } from "../lib/research/sweep-run";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const reps = Number(flag("--reps") ?? 1);
if (!Number.isInteger(reps) || reps < 1) {
  console.error("--reps needs a positive integer");
  process.exit(2);
}

const BENCH_GRID: SweepGridInput = {
  description: "sweep benchmark: 8 configurations, 20 rounds, depth 3",
  base: { classifier: { nEstimators: 20, maxDepth: 3 } },
  axes: { errata: ["corrected", "faithful"], featureOrderSeed: [null, 1, 2, 3] },
};
const gridFile = flag("--grid");
const plan: SweepPlan = gridFile ? loadSweep(gridFile) : expandSweep(BENCH_GRID, "bench grid");

const cpuModel = (() => {
  try {
    return readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
})();
const nproc = (() => {
  try {
    return execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    return String(availableParallelism());
  }
})();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

console.log(`machine: nproc ${nproc}, ${cpuModel} (/proc/cpuinfo), Node ${process.version}`);
console.log(
  `grid: ${plan.configurations.length} configurations (${plan.description ?? gridFile}), ${reps} repetition(s)`,
);

interface Measure {
  threads: number;
  wall: number;
  cpu: number;
  rows: string[];
  /** Sum of the configurations' own run times (the `seconds` of the rows). */
  taskSeconds: number;
}

async function measure(threads: number): Promise<Measure> {
  const dir = mkdtempSync(path.join(tmpdir(), `sweep-bench-${threads}-`));
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await runSweep(plan, { outDir: dir, workers: threads });
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const parsed = readFileSync(path.join(dir, RESULTS_JSONL), "utf8").split("\n").filter(Boolean).map(parseResultLine);
    const rows = parsed.map(({ seconds: _s, ...rest }) => JSON.stringify(rest));
    const taskSeconds = parsed.reduce((a, r) => a + r.seconds, 0);
    return { threads, wall, cpu: (c.user + c.system) / 1e6, rows, taskSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const n = plan.configurations.length;
  const results: { one: Measure; two: Measure; loadBefore: string; loadAfter: string }[] = [];
  for (let r = 0; r < reps; r++) {
    const loadBefore = load();
    const one = await measure(1);
    const two = await measure(2);
    const loadAfter = load();
    if (JSON.stringify(one.rows) !== JSON.stringify(two.rows))
      throw new Error("1 and 2 threads gave different rows (determinism broken)");
    results.push({ one, two, loadBefore, loadAfter });
    const say = (m: Measure) =>
      `${m.threads} thread${m.threads === 1 ? "" : "s"} ${m.wall.toFixed(2)} s (${(n / m.wall).toFixed(3)}/s, ` +
      `CPU ${m.cpu.toFixed(1)} s, CPU/wall ${(m.cpu / m.wall).toFixed(2)}, mean run ${(m.taskSeconds / n).toFixed(2)} s)`;
    console.log(
      `rep ${r + 1}: ${say(one)}, ${say(two)}; speed-up ${(one.wall / two.wall).toFixed(2)}x; ` +
        `load average ${loadBefore} -> ${loadAfter}; rows identical`,
    );
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const w1 = median(results.map((x) => x.one.wall));
  const w2 = median(results.map((x) => x.two.wall));
  console.log("");
  console.log("| threads | wall (median) | configurations / s | speed-up |");
  console.log("| --- | --- | --- | --- |");
  console.log(`| 1 | ${w1.toFixed(2)} s | ${(n / w1).toFixed(3)} | 1.00 |`);
  console.log(`| 2 | ${w2.toFixed(2)} s | ${(n / w2).toFixed(3)} | ${(w1 / w2).toFixed(2)} |`);
  console.log(`speed-up per repetition: ${results.map((x) => (x.one.wall / x.two.wall).toFixed(2)).join(", ")}`);
  // The 1-thread run already keeps part of the second core busy (V8's parallel GC helpers, the
  // main thread): two threads can at best use both cores fully, so the speed-up cannot exceed
  // 2 / (CPU / wall of the 1-thread run) however well the pool works.
  const cpuWall1 = median(results.map((x) => x.one.cpu / x.one.wall));
  const cpu1 = median(results.map((x) => x.one.cpu));
  const cpu2 = median(results.map((x) => x.two.cpu));
  console.log(
    `1 thread: CPU / wall ${cpuWall1.toFixed(2)} -> ceiling on 2 cores ${(2 / cpuWall1).toFixed(2)}x; ` +
      `total CPU 1 thread ${cpu1.toFixed(1)} s, 2 threads ${cpu2.toFixed(1)} s`,
  );
}

main().catch((e) => {
  console.error(`sweep bench: ${(e as Error).message}`);
  process.exit(1);
});
