/**
 * Sweeps across machines: BullMQ on Redis. The machine that runs `npm run sweep -- --queue
 * redis://HOST:PORT` is the collector: it enqueues every configuration not yet in
 * DIR/results.jsonl (job id = the configuration's id, job data = the study and the data
 * fingerprint), waits for the jobs to finish and writes their result lines into the same files as a
 * local run (sweep-run.ts's session: same order, same progress). Any number of machines run
 * `npm run sweep:worker -- --queue redis://HOST:PORT` ({@link startQueueWorker}); each computes
 * jobs on a worker-thread pool of `concurrency` threads with the same task as the local pool
 * (sweep-task.ts), so a row is byte for byte the row a local run writes.
 *
 * - A worker refuses (fails) a job whose data fingerprint differs from the one of its own data
 *   folder: every machine must read the same data; the collector then stops with the reason.
 * - Finished jobs stay in Redis until the collector has written their line, then it removes
 *   them; a collector that is restarted picks up jobs that finished meanwhile. A job that
 *   failed, or was enqueued for other data, is removed and enqueued again.
 * - A worker killed in the middle of a job leaves it "stalled": BullMQ hands it to another worker
 *   after the lock expires (30 s).
 * - Queue name default `factor-index-sweep` (BullMQ key prefix `bull`); connection options
 *   `maxRetriesPerRequest: null` as BullMQ requires for workers. {@link checkRedis} fails fast
 *   with one line when Redis cannot be reached (otherwise ioredis retries forever).
 */
import { Queue, QueueEvents, Worker } from "bullmq";
import Redis from "ioredis";
import type { SweepConfiguration } from "./sweep";
import { dataFingerprint, parseResultLine, sweepDataDir } from "./sweep-files";
import { createSweepPool, type SweepExecutor } from "./sweep-run";

/** The default BullMQ queue name. */
export const DEFAULT_QUEUE_NAME = "factor-index-sweep";

/** The data of one job. */
export interface SweepJobData {
  config: Pick<SweepConfiguration, "id" | "params" | "study">;
  /** SHA-256 of the data folder the collector reads (sweep-files.ts `dataFingerprint`). */
  fingerprint: string;
}

/** Validates a redis:// or rediss:// URL (host and port); returns it normalised. */
export function parseRedisUrl(url: string): { url: string; host: string; port: number } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue needs a URL like redis://127.0.0.1:6379, got "${url}"`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:")
    throw new Error(`--queue needs a redis:// or rediss:// URL, got "${url}"`);
  if (u.hostname === "") throw new Error(`--queue: no host in "${url}"`);
  const port = u.port === "" ? 6379 : Number(u.port);
  return { url: u.toString().replace(/\/$/, ""), host: u.hostname, port };
}

function connection(url: string) {
  return { url, maxRetriesPerRequest: null };
}

/** Pings Redis once (no retries); rejects with a one-line reason when it cannot be reached. */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let cause: Error | undefined;
  client.on("error", (e: Error) => {
    cause ??= e;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new Error(`cannot reach Redis at ${url}: ${(cause ?? (e as Error)).message}`);
  } finally {
    client.disconnect();
  }
}

export interface QueueExecutorOptions {
  url: string;
  queueName?: string;
  /** The collector's data fingerprint (workers must read the same data). */
  fingerprint: string;
  /** Told after the configurations are enqueued (new jobs, jobs found finished or running). */
  onEnqueued?: (s: { added: number; existing: number }) => void;
}

/** The collector's executor: enqueue, wait for each job, remove it once its line is written. */
export function queueExecutor(opts: QueueExecutorOptions): SweepExecutor {
  const name = opts.queueName ?? DEFAULT_QUEUE_NAME;
  const queue = new Queue<SweepJobData, string>(name, { connection: connection(opts.url) });
  queue.setMaxListeners(0);
  const events = new QueueEvents(name, { connection: connection(opts.url) });
  events.setMaxListeners(0);
  const removals: Promise<unknown>[] = [];

  const enqueue = async (configs: readonly SweepConfiguration[]) => {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const jobs = new Map<string, Awaited<ReturnType<typeof queue.add>>>();
    const toAdd: SweepConfiguration[] = [];
    let existing = 0;
    for (const c of configs) {
      const job = await queue.getJob(c.id);
      if (job) {
        const state = await job.getState();
        if (state !== "failed" && state !== "unknown" && job.data?.fingerprint === opts.fingerprint) {
          jobs.set(c.id, job);
          existing++;
          continue;
        }
        await job.remove();
      }
      toAdd.push(c);
    }
    for (let i = 0; i < toAdd.length; i += 500) {
      const added = await queue.addBulk(
        toAdd.slice(i, i + 500).map((c) => ({
          name: "configuration",
          data: { config: { id: c.id, params: c.params, study: c.study }, fingerprint: opts.fingerprint },
          opts: { jobId: c.id, attempts: 1, removeOnComplete: false, removeOnFail: false },
        })),
      );
      for (const j of added) jobs.set(j.id!, j);
    }
    opts.onEnqueued?.({ added: toAdd.length, existing });
    return jobs;
  };

  return {
    name: `queue ${name} at ${opts.url}`,
    start(configs) {
      const enqueued = enqueue(configs);
      return configs.map(async (c) => {
        const job = (await enqueued).get(c.id)!;
        let line: string;
        try {
          line = await job.waitUntilFinished(events);
        } catch (e) {
          throw new Error(`configuration ${c.id.slice(0, 12)} failed on a worker: ${(e as Error).message}`);
        }
        return parseResultLine(line);
      });
    },
    committed(id) {
      removals.push(
        queue
          .getJob(id)
          .then((j) => j?.remove())
          .catch(() => {}),
      );
    },
    async close() {
      await Promise.allSettled(removals);
      await events.close();
      await queue.close();
    },
  };
}

/** What a queue worker tells its caller. */
export type QueueWorkerEvent =
  | { type: "ready"; queue: string; url: string; concurrency: number; dataDir: string; fingerprint: string }
  | { type: "completed"; id: string; seconds: number }
  | { type: "failed"; id: string; reason: string }
  | { type: "idle" }
  | { type: "error"; message: string };

export interface QueueWorkerOptions {
  url: string;
  queueName?: string;
  /** Jobs at a time = worker threads (default 1). */
  concurrency?: number;
  /** Data folder (default $FACTOR_DATA_DIR, else the embedded sample). */
  dataDir?: string;
  /** Close once the queue has no waiting, delayed or active job (checked twice, 0.5 s apart). */
  exitWhenIdle?: boolean;
  onEvent?: (e: QueueWorkerEvent) => void;
}

export interface QueueWorkerHandle {
  /** Resolves when the worker has closed (after `close()` or, with exitWhenIdle, when idle). */
  readonly closed: Promise<void>;
  /** Stops taking jobs, waits for the running ones, closes the pool and connections. */
  close(): Promise<void>;
}

/** Starts a queue worker: takes jobs until closed (or idle with `exitWhenIdle`). */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const name = opts.queueName ?? DEFAULT_QUEUE_NAME;
  const concurrency = opts.concurrency ?? 1;
  const dir = sweepDataDir(opts.dataDir);
  const fingerprint = dataFingerprint(dir);
  const dataDir = opts.dataDir !== undefined ? dir : undefined;
  const emit = opts.onEvent ?? (() => {});
  const pool = createSweepPool(concurrency);
  const queue = new Queue<SweepJobData, string>(name, { connection: connection(opts.url) });
  let inFlight = 0;
  const worker = new Worker<SweepJobData, string>(
    name,
    async (job) => {
      if (job.data.fingerprint !== fingerprint)
        throw new Error(
          `the worker's data (${dir}, fingerprint ${fingerprint.slice(0, 12)}) differs from the sweep's (fingerprint ${String(job.data.fingerprint).slice(0, 12)})`,
        );
      inFlight++;
      try {
        return await pool.run({ config: job.data.config, dataDir });
      } finally {
        inFlight--;
      }
    },
    { connection: connection(opts.url), concurrency, autorun: false },
  );
  worker.on("completed", (job, line) => {
    let seconds = Number.NaN;
    try {
      seconds = parseResultLine(line).seconds;
    } catch {}
    emit({ type: "completed", id: String(job.id), seconds });
  });
  worker.on("failed", (job, err) => emit({ type: "failed", id: String(job?.id), reason: err.message }));
  worker.on("error", (err) => emit({ type: "error", message: err.message }));

  let closing: Promise<void> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });
  let timer: NodeJS.Timeout | undefined;
  const close = () => {
    closing ??= (async () => {
      if (timer) clearInterval(timer);
      await worker.close();
      await queue.close();
      await pool.destroy();
      resolveClosed();
    })();
    return closing;
  };

  await Promise.all([worker.waitUntilReady(), queue.waitUntilReady()]);
  worker.run().catch((e) => emit({ type: "error", message: (e as Error).message }));
  emit({ type: "ready", queue: name, url: opts.url, concurrency, dataDir: dir, fingerprint });
  if (opts.exitWhenIdle) {
    let idleTicks = 0;
    let checking = false;
    timer = setInterval(() => {
      if (checking || closing) return;
      checking = true;
      queue
        .getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children")
        .then((counts) => {
          const busy = Object.values(counts).reduce((a, b) => a + b, 0) + inFlight;
          idleTicks = busy === 0 ? idleTicks + 1 : 0;
          if (idleTicks >= 2) {
            emit({ type: "idle" });
            void close();
          }
        })
        .catch((e) => emit({ type: "error", message: (e as Error).message }))
        .finally(() => {
          checking = false;
        });
    }, 500);
  }
  return { closed, close };
}
