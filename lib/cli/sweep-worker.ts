/**
 * `npm run sweep:worker -- --queue redis://HOST:PORT [--concurrency N] [--data DIR] [--exit-when-idle]`:
 * a BullMQ worker for sweeps enqueued by `npm run sweep -- --queue …` (lib/research/sweep-queue.ts).
 * Run one per machine; it computes `--concurrency` configurations at a time on worker threads and
 * runs until SIGINT/SIGTERM (finishing the jobs it holds, then closing its connections and
 * threads) or, with `--exit-when-idle`, until the queue has nothing waiting or running.
 *
 * The data folder must hold the same data as the collector's (checked by fingerprint: a job for
 * other data fails with the reason). One line per finished job on stderr. Exit codes: 0 stopped
 * cleanly, 1 Redis unreachable or the worker failed, 2 bad command line.
 */
import { availableParallelism } from "node:os";
import {
  checkRedis,
  DEFAULT_QUEUE_NAME,
  parseRedisUrl,
  type QueueWorkerEvent,
  startQueueWorker,
} from "../research/sweep-queue";
import { integerOption, parseMainArgs, parseOptions, UsageError } from "./args";

const USAGE = `usage: npm run sweep:worker -- --queue redis://HOST:PORT [--concurrency N] [--data DIR] [--exit-when-idle] [--quiet]

Processes the configurations a sweep enqueued (npm run sweep -- --queue URL) until stopped.

  --queue URL          the Redis server of the sweep (redis://HOST:PORT)
  --queue-name NAME    BullMQ queue name (default ${DEFAULT_QUEUE_NAME})
  --concurrency N      configurations at a time, one worker thread each (default: all CPUs, ${availableParallelism()} here)
  --data DIR           CSV data folder, the same data as the sweep's
                       (default: $FACTOR_DATA_DIR, else the embedded sample)
  --exit-when-idle     exit once the queue has no waiting or running configuration
  --quiet              no line per job on stderr
  -h, --help           show this help

SIGINT / SIGTERM: finish the running configurations, then exit.
Exit codes: 0 stopped cleanly, 1 Redis unreachable or the worker failed, 2 bad command line.`;

const OPTIONS = {
  queue: { type: "string" },
  "queue-name": { type: "string" },
  concurrency: { type: "string" },
  data: { type: "string" },
  "exit-when-idle": { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parseArgs(argv: readonly string[]) {
  const v = parseOptions(argv, OPTIONS);
  if (v.queue === undefined) throw new UsageError("--queue redis://HOST:PORT is required");
  let url: string;
  try {
    url = parseRedisUrl(v.queue).url;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const concurrency = integerOption("--concurrency", v.concurrency, 1, 256) ?? availableParallelism();
  return {
    url,
    queueName: v["queue-name"] ?? DEFAULT_QUEUE_NAME,
    concurrency,
    data: v.data,
    exitWhenIdle: v["exit-when-idle"] === true,
    quiet: v.quiet === true,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseMainArgs("sweep-worker", USAGE, argv, parseArgs);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const log = (s: string) => {
    if (!args.quiet) process.stderr.write(`sweep-worker: ${s}\n`);
  };
  let failed = false;
  const onEvent = (e: QueueWorkerEvent) => {
    if (e.type === "ready")
      log(
        `ready on queue ${e.queue} at ${e.url}, ${e.concurrency} thread${e.concurrency === 1 ? "" : "s"}, data ${e.dataDir} (${e.fingerprint.slice(0, 12)})`,
      );
    else if (e.type === "completed") log(`done ${e.id.slice(0, 12)} in ${e.seconds.toFixed(1)} s`);
    else if (e.type === "failed") log(`failed ${e.id.slice(0, 12)}: ${e.reason}`);
    else if (e.type === "idle") log("queue idle, exiting");
    else if (e.type === "error") {
      process.stderr.write(`sweep-worker: ${e.message}\n`);
    }
  };
  try {
    await checkRedis(args.url);
    const worker = await startQueueWorker({
      url: args.url,
      queueName: args.queueName,
      concurrency: args.concurrency,
      dataDir: args.data,
      exitWhenIdle: args.exitWhenIdle,
      onEvent,
    });
    const stop = (signal: string) => {
      log(`${signal}: finishing the running configurations`);
      worker.close().catch((e) => {
        failed = true;
        process.stderr.write(`sweep-worker: ${(e as Error).message}\n`);
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    await worker.closed;
    return failed ? 1 : 0;
  } catch (e) {
    process.stderr.write(`sweep-worker: ${((e as Error).message ?? String(e)).split("\n")[0]}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`sweep-worker: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
