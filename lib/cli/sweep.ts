/**
 * `npm run sweep -- [--grid FILE] [--workers N] [--out DIR] [--data DIR] [--queue redis://HOST:PORT]`:
 * a sensitivity sweep of notebook 01's study (lib/research/sweep.ts; the grid file format is
 * documented there and in `--help`). Without `--queue` the configurations run on this machine's
 * worker threads; with it they are enqueued on BullMQ and computed by `npm run sweep:worker`
 * processes on any machine (lib/research/sweep-queue.ts), this process collecting the results.
 *
 * Results go to DIR (default out/sweep): results.jsonl as configurations finish (an interrupted
 * sweep resumes from it), results.csv at the end, sweep.json (the data fingerprint). Progress lines
 * (done/total, rate, time left) go to stderr; stdout gets the summary. Exit codes: 0 every
 * configuration has a result without error, 1 the sweep failed or some configuration's run failed
 * (its row says why), 2 bad command line or grid file.
 */
import * as path from "node:path";
import { DEFAULT_SWEEP_GRID, expandSweep, loadSweep, SweepGridError, type SweepPlan } from "../research/sweep";
import { SweepFilesError } from "../research/sweep-files";
import { checkRedis, DEFAULT_QUEUE_NAME, parseRedisUrl, queueExecutor } from "../research/sweep-queue";
import {
  formatDuration,
  poolExecutor,
  runSweepSession,
  type SweepExecutor,
  sweepData,
  sweepProgressText,
} from "../research/sweep-run";
import { integerOption, parseMainArgs, parseOptions, UsageError } from "./args";

const USAGE = `usage: npm run sweep -- [--grid FILE] [--workers N] [--out DIR] [--data DIR] [--queue redis://HOST:PORT] [--quiet]

Runs notebook 01's study for every configuration of a grid (or a seeded random search) and
writes one result row per configuration: accuracy, top-3 accuracy, and for the predicted-factor
and probability-weighted strategies the compounded total return and the Sharpe ratio with
sqrt(12) and with the article's sqrt(252).

  --grid FILE          the grid file (default: lib/research/default-grid.json, 12 small configurations)
  --workers N          worker threads on this machine (default: all CPUs)
  --out DIR            output folder (default out/sweep); configurations already in
                       DIR/results.jsonl are skipped, so an interrupted sweep resumes
  --data DIR           CSV data folder (default: $FACTOR_DATA_DIR, else the embedded sample)
  --queue URL          enqueue on BullMQ at redis://HOST:PORT instead of computing here, and
                       collect the results as npm run sweep:worker processes finish them
  --queue-name NAME    BullMQ queue name (default ${DEFAULT_QUEUE_NAME})
  --quiet              no progress lines on stderr
  -h, --help           show this help

Grid file (JSON):
  { "description": "...",
    "base": { ...a study configuration as for npm run pipeline -- --config... },
    "axes": { "maxDepth": [2, 4], "featureOrderSeed": [null, 1, 2],
              "errata": ["corrected", "E7", "faithful"] },
    "random": { "samples": 20, "seed": 1 } }          (optional: seeded random search)
  axes: nEstimators, learningRate, maxDepth, minChildWeight, regLambda, gamma, rfe, split,
  featureOrderSeed (null = the table's column order), errata ("faithful", "corrected", or one
  switch/erratum id flipped back to the article's behaviour in the corrected preset; "each" = all),
  momentumClass, costBps. A grid is the cartesian product (first axis slowest); with "random",
  an axis may also be a range { "min": a, "max": b }.

Files: DIR/results.jsonl (one line per configuration, keyed by its id = SHA-256 of the study),
DIR/results.csv (grid order, no timings), DIR/sweep.json (data fingerprint).
Exit codes: 0 success, 1 the sweep or some configuration failed, 2 bad command line or grid file.`;

const OPTIONS = {
  grid: { type: "string" },
  workers: { type: "string" },
  out: { type: "string" },
  data: { type: "string" },
  queue: { type: "string" },
  "queue-name": { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

interface Args {
  plan: SweepPlan;
  grid: string;
  workers?: number;
  out: string;
  data?: string;
  queue?: string;
  queueName: string;
  quiet: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const v = parseOptions(argv, OPTIONS);
  const workers = integerOption("--workers", v.workers, 1, 256);
  let queue: string | undefined;
  if (v.queue !== undefined) {
    try {
      queue = parseRedisUrl(v.queue).url;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (workers !== undefined)
      throw new UsageError("--workers is for local runs; with --queue, start workers with npm run sweep:worker");
  }
  const grid = v.grid ?? "lib/research/default-grid.json";
  return {
    plan: v.grid !== undefined ? loadSweep(v.grid) : expandSweep(DEFAULT_SWEEP_GRID, grid),
    grid,
    workers,
    out: path.resolve(v.out ?? path.join("out", "sweep")),
    data: v.data,
    queue,
    queueName: v["queue-name"] ?? DEFAULT_QUEUE_NAME,
    quiet: v.quiet === true,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseMainArgs("sweep", USAGE, argv, parseArgs, [SweepGridError]);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const err = (s: string) => {
    if (!args.quiet) process.stderr.write(`${s}\n`);
  };
  try {
    const data = sweepData(args.data);
    const dataDir = args.data !== undefined ? data.dir : undefined;
    let executor: SweepExecutor;
    if (args.queue !== undefined) {
      await checkRedis(args.queue);
      executor = queueExecutor({
        url: args.queue,
        queueName: args.queueName,
        fingerprint: data.fingerprint,
        onEnqueued: (s) =>
          err(
            `sweep: enqueued ${s.added} configurations${s.existing ? ` (${s.existing} already queued or finished)` : ""}; waiting for workers: npm run sweep:worker -- --queue ${args.queue}${args.queueName !== DEFAULT_QUEUE_NAME ? ` --queue-name ${args.queueName}` : ""}`,
          ),
      });
    } else executor = poolExecutor({ workers: args.workers, dataDir });
    const summary = await runSweepSession(args.plan, executor, {
      outDir: args.out,
      dataDir,
      onStart: (s) =>
        err(
          `sweep: ${s.total} configurations (${args.plan.mode}) from ${args.grid}; ${s.skipped} already in results.jsonl${s.droppedPartialLine ? " (an interrupted last line was dropped)" : ""}; running ${s.pending} on ${executor.name}; data ${data.dir}`,
        ),
      onProgress: (p) => err(sweepProgressText(p)),
    });
    const o = process.stdout;
    o.write(
      `sweep: ${summary.total} configurations, ${summary.ran} run now, ${summary.skipped} from earlier, ${summary.failed} failed; ${formatDuration(summary.seconds)}\n`,
    );
    o.write(
      `wrote ${path.relative(process.cwd(), summary.files.jsonl)} and ${path.relative(process.cwd(), summary.files.csv)}\n`,
    );
    if (summary.failed > 0) {
      for (const r of summary.results.filter((x) => x.metrics === null))
        process.stderr.write(`sweep: configuration ${r.id.slice(0, 12)} failed: ${r.error}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof SweepGridError || e instanceof SweepFilesError) {
      process.stderr.write(`sweep: ${e.message}\n`);
      return e instanceof SweepGridError ? 2 : 1;
    }
    process.stderr.write(`sweep: ${((e as Error).message ?? String(e)).split("\n")[0]}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`sweep: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
