/**
 * Reliability: a signal to the notebook runner during a busy cell stops the tslab kernel (no
 * process left behind), removes the kernel's connection folder and exits with the conventional
 * status (128 + the signal's number) — for SIGINT, SIGTERM and SIGHUP sent to the runner, and
 * for SIGTERM sent to `npm run notebooks` (npm must pass it on to the runner).
 *
 * Each run gets its own TMPDIR, so "no connection folder left" is checked in a folder nothing
 * else writes to, and the kernel's working folder (the notebook's folder, also private) tells
 * whether any process of the run is still alive (/proc/PID/cwd).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cliPath, notebookText, processesIn, ROOT } from "./helpers";

const CLI = cliPath("run-notebooks");
const base = mkdtempSync(join(tmpdir(), "runner-signals-"));
after(() => rmSync(base, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function exited(p: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((r) => p.on("exit", (code, signal) => r({ code, signal })));
}

/** A notebook whose second cell marks that it started, then spins at 100 % CPU forever. */
function busyNotebook(dir: string, marker: string): string {
  const file = join(dir, "busy.ipynb");
  writeFileSync(
    file,
    notebookText(
      [
        "// %%",
        "const x = 1;",
        "// %%",
        `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "started");`,
        "let n = 0;",
        "while (true) n++;",
      ].join("\n"),
    ),
  );
  return file;
}

async function signalDuringBusyCell(signal: NodeJS.Signals, via: "runner" | "npm", expected: number) {
  const run = mkdtempSync(join(base, `${signal}-${via}-`));
  const tmp = join(run, "tmp");
  const nbDir = join(run, "nb");
  mkdirSync(tmp);
  mkdirSync(nbDir);
  const marker = join(run, "started");
  const file = busyNotebook(nbDir, marker);
  const before = readFileSync(file, "utf8");
  const [cmd, args] =
    via === "npm"
      ? ["npm", ["run", "--silent", "notebooks", "--", file]]
      : [process.execPath, ["--import", "tsx", CLI, file]];
  const child = spawn(cmd, args as string[], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (b) => {
    err += b;
  });
  child.stdout?.resume();
  const done = exited(child);
  await waitFor(() => existsSync(marker), 90_000, "the busy cell to start");
  assert.ok(processesIn(nbDir).length > 0, "the kernel runs in the notebook's folder");
  assert.ok(
    readdirSync(tmp).some((d) => d.startsWith("tslab-conn-")),
    "the connection folder exists while the kernel runs",
  );
  child.kill(signal);
  const t0 = Date.now();
  const { code } = await done;
  const seconds = (Date.now() - t0) / 1000;
  // Give a killed process group a moment to disappear from /proc.
  await waitFor(() => processesIn(nbDir).length === 0, 5_000, "no process left in the notebook's folder").catch(
    () => {},
  );
  assert.deepEqual(processesIn(nbDir), [], `processes left behind after ${signal}`);
  assert.deepEqual(
    readdirSync(tmp).filter((d) => d.startsWith("tslab-conn-") || d.startsWith("notebooks-check-")),
    [],
    "no connection or check folder left",
  );
  assert.equal(code, expected, `exit status after ${signal} (stderr: ${err})`);
  assert.match(err, new RegExp(`${signal} received: stopping the kernel`));
  assert.ok(seconds < 15, `stopped within 15 s (took ${seconds} s)`);
  assert.equal(readFileSync(file, "utf8"), before, "the notebook file is unchanged");
}

test("SIGINT to the runner during a busy cell: kernel stopped, folder removed, exit 130", () =>
  signalDuringBusyCell("SIGINT", "runner", 130));

test("SIGTERM to the runner during a busy cell: kernel stopped, folder removed, exit 143", () =>
  signalDuringBusyCell("SIGTERM", "runner", 143));

test("SIGHUP to the runner during a busy cell: kernel stopped, folder removed, exit 129", () =>
  signalDuringBusyCell("SIGHUP", "runner", 129));

test("SIGTERM to `npm run notebooks` reaches the runner: nothing left behind", () =>
  signalDuringBusyCell("SIGTERM", "npm", 143));
