/**
 * Sweeps across processes over BullMQ (lib/research/sweep-queue.ts, lib/cli/sweep.ts --queue,
 * lib/cli/sweep-worker.ts): a private redis-server on 127.0.0.1 and a free port (no persistence),
 * two worker processes, a four-configuration sweep with a tiny booster; the rows must equal a
 * local worker-thread run bit for bit. Then SIGTERM closes the workers cleanly, a collector
 * resumes from a cut results.jsonl with an `--exit-when-idle` worker, and everything is shut
 * down: no process left running, no temporary folder left. Without redis-server on the PATH the
 * test is reported as skipped with the reason (Debian package redis-server; .ci/run installs it).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import Redis from "ioredis";
import { expandSweep, type SweepGridInput } from "../../lib/research/sweep";
import { parseResultLine, RESULTS_CSV, RESULTS_JSONL } from "../../lib/research/sweep-files";
import { runSweep } from "../../lib/research/sweep-run";

const ROOT = path.join(__dirname, "..", "..");
const HOST = "127.0.0.1";

const redisVersion = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
const SKIP =
  redisVersion.status === 0
    ? false
    : "redis-server is not installed (Debian: apt-get install -y redis-server); the BullMQ sweep test needs a local Redis";

const TINY: SweepGridInput = {
  base: { errata: "corrected", classifier: { nEstimators: 4, maxDepth: 2 } },
  axes: { featureOrderSeed: [null, 3], momentumClass: [false, true] },
};

const untimed = (line: string) => {
  const { seconds: _s, ...rest } = parseResultLine(line);
  return JSON.stringify(rest);
};
const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `pattern` appears in stderr+stdout (rejects if the process exits first or after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
}

function start(cmd: string, args: string[]): Proc {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, FACTOR_DATA_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout!.on("data", (d) => {
    out += d;
    for (const l of listeners) l();
  });
  child.stderr!.on("data", (d) => {
    err += d;
    for (const l of listeners) l();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    waitFor(pattern, ms = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out + err)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}: ${err}`));
        }, ms);
        listeners.add(check);
        exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited before ${pattern}: ${err}`));
          }
        });
        check();
      });
    },
  };
}

const tsxNode = (script: string, args: string[]) =>
  start(process.execPath, ["--import", "tsx", path.join(ROOT, "lib", "cli", script), ...args]);

test("BullMQ: two worker processes give the local run's rows bit for bit", {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), "sweep-queue-test-"));
  const procs: Proc[] = [];
  let redis: Proc | undefined;
  let client: Redis | undefined;
  try {
    const port = await freePort();
    const url = `redis://${HOST}:${port}`;
    redis = start("redis-server", [
      "--port",
      String(port),
      "--bind",
      HOST,
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      tmp,
    ]);
    await redis.waitFor(/Ready to accept connections/, 20_000);

    // The reference: the same sweep on one local worker thread.
    const grid = path.join(tmp, "tiny.json");
    writeFileSync(grid, JSON.stringify(TINY));
    const plan = expandSweep(TINY);
    const local = path.join(tmp, "local");
    await runSweep(plan, { outDir: local, workers: 1 });

    // Two workers (one thread each), ready before anything is enqueued.
    const workers = [0, 1].map(() => tsxNode("sweep-worker.ts", ["--queue", url, "--concurrency", "1"]));
    procs.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor(/sweep-worker: ready on queue factor-index-sweep/)));

    const out = path.join(tmp, "queued");
    const collector = tsxNode("sweep.ts", ["--grid", grid, "--queue", url, "--out", out]);
    procs.push(collector);
    const c = await collector.exited;
    assert.equal(c.code, 0, collector.err());
    assert.match(collector.err(), /sweep: enqueued 4 configurations; waiting for workers/);
    assert.match(collector.err(), /sweep 4\/4, [\d.]+ configurations\/s/);
    assert.deepEqual(
      lines(path.join(out, RESULTS_JSONL)).map(untimed),
      lines(path.join(local, RESULTS_JSONL)).map(untimed),
    );
    assert.equal(
      readFileSync(path.join(out, RESULTS_CSV), "utf8"),
      readFileSync(path.join(local, RESULTS_CSV), "utf8"),
    );
    const done = workers.map((w) => (w.err().match(/sweep-worker: done [0-9a-f]{12}/g) ?? []).length);
    assert.equal(
      done.reduce((a, b) => a + b, 0),
      4,
    );
    assert.ok(
      done.every((n) => n >= 1),
      `both workers took jobs (${done.join(" + ")})`,
    );

    // SIGTERM: each worker closes cleanly.
    for (const w of workers) w.child.kill("SIGTERM");
    for (const w of workers) {
      const e = await w.exited;
      assert.equal(e.code, 0, w.err());
      assert.match(w.err(), /SIGTERM: finishing the running configurations/);
    }

    // The collector removed the finished jobs from Redis.
    client = new Redis(url, { maxRetriesPerRequest: 1 });
    const jobKeys = (await client.keys("bull:factor-index-sweep:*")).filter((k) => /:[0-9a-f]{64}$/.test(k));
    assert.deepEqual(jobKeys, []);

    // Resume through the queue: keep the first line, rerun the other three with an
    // --exit-when-idle worker started after they were enqueued.
    const jsonl = path.join(out, RESULTS_JSONL);
    const kept = lines(jsonl)[0];
    writeFileSync(jsonl, `${kept}\n`);
    rmSync(path.join(out, RESULTS_CSV));
    const again = tsxNode("sweep.ts", ["--grid", grid, "--queue", url, "--out", out]);
    procs.push(again);
    await again.waitFor(/sweep: enqueued 3 configurations/);
    const idle = tsxNode("sweep-worker.ts", ["--queue", url, "--concurrency", "2", "--exit-when-idle"]);
    procs.push(idle);
    const a = await again.exited;
    assert.equal(a.code, 0, again.err());
    assert.match(again.err(), /1 already in results\.jsonl; running 3 on queue/);
    const i = await idle.exited;
    assert.equal(i.code, 0, idle.err());
    assert.match(idle.err(), /queue idle, exiting/);
    assert.equal(lines(jsonl)[0], kept);
    assert.deepEqual(lines(jsonl).map(untimed), lines(path.join(local, RESULTS_JSONL)).map(untimed));
    assert.equal(
      readFileSync(path.join(out, RESULTS_CSV), "utf8"),
      readFileSync(path.join(local, RESULTS_CSV), "utf8"),
    );

    // A worker reading other data refuses the jobs; the collector stops with the reason.
    const otherData = path.join(tmp, "other-data");
    mkdirSync(otherData);
    writeFileSync(path.join(otherData, "constituents.csv"), "not the sample\n");
    const wrong = tsxNode("sweep-worker.ts", ["--queue", url, "--concurrency", "1", "--data", otherData]);
    procs.push(wrong);
    await wrong.waitFor(/sweep-worker: ready on queue/);
    const refused = tsxNode("sweep.ts", ["--grid", grid, "--queue", url, "--out", path.join(tmp, "refused")]);
    procs.push(refused);
    const rf = await refused.exited;
    assert.equal(rf.code, 1);
    assert.match(
      refused.err(),
      /sweep: configuration [0-9a-f]{12} failed on a worker: the worker's data \(.*other-data, fingerprint [0-9a-f]{12}\) differs from the sweep's/,
    );
    wrong.child.kill("SIGTERM");
    assert.equal((await wrong.exited).code, 0, wrong.err());

    // Redis that cannot be reached: one line, exit 1.
    const deadPort = await freePort();
    const dead = tsxNode("sweep.ts", ["--grid", grid, "--queue", `redis://${HOST}:${deadPort}`, "--out", out]);
    procs.push(dead);
    const d = await dead.exited;
    assert.equal(d.code, 1);
    assert.match(dead.err(), new RegExp(`^sweep: cannot reach Redis at redis://${HOST}:${deadPort}: .*\\n$`));
  } finally {
    client?.disconnect();
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.exited));
    if (redis) {
      if (redis.child.exitCode === null && redis.child.signalCode === null) redis.child.kill("SIGTERM");
      await redis.exited;
    }
    rmSync(tmp, { recursive: true, force: true });
  }
});
