/**
 * Running a sweep (sweep.ts) into an output folder (sweep-files.ts): the session logic shared by
 * the local worker-thread pool and the BullMQ queue (sweep-queue.ts), and the local pool itself.
 *
 * A session reads DIR/results.jsonl, skips every configuration already in it, hands the others to
 * an executor, appends each result line in the sweep's order as soon as it and every earlier one
 * are done (a later configuration that finishes first waits in memory, so the file's order does
 * not depend on scheduling), reports progress after every finished configuration and writes
 * DIR/results.csv at the end. Each configuration is a pure function of its study and the data, so
 * the rows (timing aside) are the same bit for bit with any number of workers or machines.
 *
 * Local pool: piscina worker threads running sweep-task (`workers` threads, default
 * `os.availableParallelism()`), each thread a separate V8 isolate with its own copy of the data.
 * A run that throws inside `runStudy` is a result row with its error; a thread that dies or a
 * data folder that cannot be read aborts the sweep (nothing is recorded for it, a rerun retries).
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import Piscina from "piscina";
import type { SweepConfiguration, SweepPlan, SweepResult } from "./sweep";
import {
  dataFingerprint,
  parseResultLine,
  prepareOutDir,
  RESULTS_CSV,
  RESULTS_JSONL,
  readResults,
  resultsCsv,
  resultToJsonLine,
  sweepDataDir,
} from "./sweep-files";
import type { SweepTaskInput } from "./sweep-task";

/** Progress after each finished configuration. */
export interface SweepProgress {
  /** Configurations with a result (skipped + finished in this session). */
  done: number;
  total: number;
  /** Already in results.jsonl at the start. */
  skipped: number;
  /** Finished in this session. */
  ran: number;
  /** Seconds since the session started. */
  elapsedSeconds: number;
  /** Configurations per second in this session. */
  rate: number;
  /** Estimated seconds left at that rate (NaN before the first result). */
  etaSeconds: number;
  /** The configuration that just finished. */
  result?: SweepResult;
}

/** Runs configurations somewhere: one promise per configuration, in the same order. */
export interface SweepExecutor {
  /** What the progress lines call it ("2 worker threads", "queue redis://…"). */
  readonly name: string;
  start(configs: readonly SweepConfiguration[]): Promise<SweepResult>[];
  /** Told after a result's line is in results.jsonl (the queue then forgets the job). */
  committed?(id: string): void;
  close(): Promise<void>;
}

export interface SweepSessionOptions {
  /** Output folder (created). */
  outDir: string;
  /** Data folder (undefined = $FACTOR_DATA_DIR, else the embedded sample). */
  dataDir?: string;
  onProgress?: (p: SweepProgress) => void;
  /** Called once before the first configuration starts (counts of this session). */
  onStart?: (s: { total: number; skipped: number; pending: number; droppedPartialLine: boolean }) => void;
}

/** What a session did. */
export interface SweepSummary {
  total: number;
  skipped: number;
  ran: number;
  /** Configurations whose run threw (rows with an error). */
  failed: number;
  seconds: number;
  /** Results in the sweep's order (from the file or this session). */
  results: SweepResult[];
  files: { jsonl: string; csv: string };
}

/** The fingerprint and description of the data a sweep reads (see sweep-files.ts). */
export function sweepData(dataDir?: string): { dir: string; fingerprint: string; description: string } {
  const dir = sweepDataDir(dataDir);
  return { dir, fingerprint: dataFingerprint(dir), description: dir };
}

/** Runs the plan's configurations that are not yet in DIR/results.jsonl through `executor`. */
export async function runSweepSession(
  plan: SweepPlan,
  executor: SweepExecutor,
  opts: SweepSessionOptions,
): Promise<SweepSummary> {
  const outDir = path.resolve(opts.outDir);
  const data = sweepData(opts.dataDir);
  prepareOutDir(outDir, plan, { fingerprint: data.fingerprint, description: data.description });
  const jsonl = path.join(outDir, RESULTS_JSONL);
  const csv = path.join(outDir, RESULTS_CSV);
  const file = readResults(jsonl);
  const known = file.results;
  const pending = plan.configurations.filter((c) => !known.has(c.id));
  const total = plan.configurations.length;
  const skipped = total - pending.length;
  opts.onStart?.({ total, skipped, pending: pending.length, droppedPartialLine: file.droppedPartialLine });

  const t0 = performance.now();
  let ran = 0;
  const ready = new Array<SweepResult | undefined>(pending.length);
  let next = 0;
  const flush = () => {
    while (next < pending.length && ready[next] !== undefined) {
      const r = ready[next]!;
      appendFileSync(jsonl, resultToJsonLine(r));
      known.set(r.id, r);
      executor.committed?.(r.id);
      ready[next] = undefined;
      next++;
    }
  };
  try {
    const promises = pending.length > 0 ? executor.start(pending) : [];
    const finished = promises.map((p, i) =>
      p.then((r) => {
        if (r.id !== pending[i].id) throw new Error(`sweep: result for ${r.id} came back for ${pending[i].id}`);
        ready[i] = r;
        ran++;
        flush();
        const elapsed = (performance.now() - t0) / 1000;
        const rate = ran / elapsed;
        opts.onProgress?.({
          done: skipped + ran,
          total,
          skipped,
          ran,
          elapsedSeconds: elapsed,
          rate,
          etaSeconds: (pending.length - ran) / rate,
          result: r,
        });
      }),
    );
    await Promise.all(finished);
  } finally {
    flush();
    await executor.close();
  }
  writeFileSync(csv, resultsCsv(plan, known));
  const results = plan.configurations.map((c) => known.get(c.id)!);
  return {
    total,
    skipped,
    ran,
    failed: results.filter((r) => r.metrics === null).length,
    seconds: (performance.now() - t0) / 1000,
    results,
    files: { jsonl, csv },
  };
}

/**
 * The worker-thread task file next to this module: sweep-task.ts under tsx, sweep-task.js in
 * lib/dist (see sweep-task.ts).
 */
export function sweepTaskFile(): string {
  return path.join(__dirname, `sweep-task${path.extname(__filename) || ".js"}`);
}

/** A piscina pool of `threads` worker threads running sweep-task. */
export function createSweepPool(threads: number): Piscina<SweepTaskInput, string> {
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`sweep: workers must be an integer ≥ 1, got ${threads}`);
  return new Piscina<SweepTaskInput, string>({
    filename: sweepTaskFile(),
    minThreads: threads,
    maxThreads: threads,
    maxQueue: Number.POSITIVE_INFINITY,
    idleTimeout: 60_000,
  });
}

/** The local executor: `workers` threads (default `os.availableParallelism()`). */
export function poolExecutor(opts: { workers?: number; dataDir?: string } = {}): SweepExecutor {
  const threads = opts.workers ?? availableParallelism();
  const pool = createSweepPool(threads);
  return {
    name: `${threads} worker thread${threads === 1 ? "" : "s"}`,
    start: (configs) =>
      configs.map((c) =>
        pool
          .run({ config: { id: c.id, params: c.params, study: c.study }, dataDir: opts.dataDir })
          .then(parseResultLine),
      ),
    close: () => pool.destroy(),
  };
}

export interface LocalSweepOptions extends SweepSessionOptions {
  /** Worker threads (default `os.availableParallelism()`). */
  workers?: number;
}

/** Runs a sweep on this machine's worker threads into `outDir` (resuming what is there). */
export function runSweep(plan: SweepPlan, opts: LocalSweepOptions): Promise<SweepSummary> {
  const dataDir = opts.dataDir !== undefined ? path.resolve(opts.dataDir) : undefined;
  return runSweepSession(plan, poolExecutor({ workers: opts.workers, dataDir }), { ...opts, dataDir });
}

/** "12 s", "3 min 05 s" — for progress lines. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** One progress line: "sweep 3/12 (2 skipped) 0.41/s, about 22 s left: <id> <params> accuracy …". */
export function sweepProgressText(p: SweepProgress): string {
  const r = p.result;
  const what = r
    ? ` ${r.id.slice(0, 12)} ${Object.entries(r.params)
        .map(([k, v]) => `${k}=${v === null ? "-" : v}`)
        .join(" ")}${r.metrics ? ` accuracy ${r.metrics.accuracy.toFixed(3)}` : ` failed: ${r.error}`}`
    : "";
  return `sweep ${p.done}/${p.total}${p.skipped ? ` (${p.skipped} skipped)` : ""}, ${p.rate.toFixed(2)} configurations/s, about ${formatDuration(p.etaSeconds)} left:${what}`;
}
