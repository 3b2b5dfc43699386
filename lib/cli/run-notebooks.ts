/**
 * `npm run notebooks` — execute notebooks headlessly through the tslab kernel and store their
 * outputs; `npm run notebooks:check` — re-execute into a temporary folder and compare outputs
 * with the committed ones. Run with `--help` for the options.
 *
 * Reliability: lib/ is rebuilt only when its sources changed (lib-build.ts); every notebook is
 * validated before a kernel starts (ipynb.ts `validateNotebookJson`); a notebook that cannot be
 * read, fails or drifts is reported on one line (file, cell counted as the user sees it, line,
 * what) and the batch goes on with the others, listing every failure at the end. SIGINT,
 * SIGTERM and SIGHUP stop the running kernel (interrupt, shutdown, kill after a grace period;
 * kernel-client.ts `stopAllKernels`), remove its connection folder and the check folder, and
 * exit with 128 + the signal's number (130, 143, 129); a second signal kills at once. Run it in
 * one process (`node --import tsx`, as the npm scripts do, with `exec` so npm's signal reaches it
 * directly): tsx's own two-process launcher passes SIGINT and SIGTERM on but not SIGHUP. A runner
 * whose parent disappears stops as on SIGHUP.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { compareNotebooks } from "../notebook/compare";
import { CellFailure, executeNotebook, ParameterError, parseParameterValue } from "../notebook/execute";
import { NotebookFormatError, readNotebook, writeNotebookAtomic } from "../notebook/ipynb";
import { KernelDiedError, stopAllKernels } from "../notebook/kernel-client";
import { CliError, EXIT, runCli, signalExitCode, UsageError, wantsHelp } from "./args";
import { ensureLibBuilt } from "./lib-build";
import { listNotebooks } from "./notebook-files";

const HELP = `Usage: npm run notebooks [-- [options] [notebook.ipynb ...]]
       npm run notebooks:check [-- [options] [notebook.ipynb ...]]

Executes the notebooks (default: every notebooks/*.ipynb, in name order) through the tslab
kernel, one fresh kernel per notebook started in the notebook's folder, and writes the outputs
back into each .ipynb — atomically and only when every cell succeeded. lib/ is rebuilt first
when its sources changed.

Options:
  -p, --parameter NAME VALUE  inject "const NAME = VALUE" after the cell tagged "parameters"
                              (VALUE: number, true/false, JSON, or else a string); repeatable
  --timeout SEC               per-cell time limit (default 600; cell metadata "timeout" wins)
  --output PATH               write the executed notebook here instead (one notebook only)
  --output-dir DIR            write executed notebooks into DIR instead
  --check                     re-execute into a temporary folder and compare with the committed
                              outputs; exit 1 on any difference (the fresh copies are kept, and
                              named, only for notebooks that drifted)
  --tolerance X               --check: relative tolerance for numbers (default 0: exact text)
  -j, --jobs N                execute up to N notebooks at a time, each in its own kernel
                              (default: the machine's cores; outputs do not depend on N; with
                              N > 1 each notebook's log lines are printed together when it
                              finishes)
  --verbose                   print stack traces of errors
  -h, --help                  this text

A notebook that fails does not stop the others; every failure is listed at the end.
Ctrl-C / SIGTERM / SIGHUP stop the running kernel and remove its files.

Exit status: 0 success, 1 a notebook could not be read, a cell failed / timed out / crashed the
kernel, or outputs drifted (--check), 2 bad usage, 130 / 143 / 129 stopped by SIGINT / SIGTERM /
SIGHUP.`;

interface Args {
  files: string[];
  params: Record<string, unknown>;
  timeout: number;
  output?: string;
  outputDir?: string;
  check: boolean;
  tolerance: number;
  jobs: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], params: {}, timeout: 600, check: false, tolerance: 0, jobs: availableParallelism() };
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    const next = (what: string) => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${t} needs ${what}`);
      return v;
    };
    if (t === "-p" || t === "--parameter") {
      const name = next("a name and a value");
      if (!/^[A-Za-z_$][\w$]*$/.test(name))
        throw new UsageError(`-p ${name}: a parameter name must be a TypeScript identifier`);
      a.params[name] = parseParameterValue(next("a value"));
    } else if (t === "--timeout") {
      a.timeout = Number(next("seconds"));
      if (!(a.timeout > 0)) throw new UsageError("--timeout must be a positive number of seconds");
    } else if (t === "--output") a.output = next("a path");
    else if (t === "--output-dir") a.outputDir = next("a folder");
    else if (t === "--check") a.check = true;
    else if (t === "--tolerance") {
      a.tolerance = Number(next("a number"));
      if (!(a.tolerance >= 0)) throw new UsageError("--tolerance must be a number ≥ 0");
    } else if (t === "--jobs" || t === "-j") {
      const v = next("a number of notebooks");
      a.jobs = Number(v);
      if (!Number.isInteger(a.jobs) || a.jobs < 1 || a.jobs > 64)
        throw new UsageError(`--jobs needs an integer from 1 to 64, got "${v}"`);
    } else if (t.startsWith("-")) throw new UsageError(`unknown option ${t}`);
    else a.files.push(t);
  }
  if (a.output && a.files.length !== 1)
    throw new UsageError("--output takes exactly one notebook; use --output-dir for several");
  return a;
}

/** What a failed notebook is reported as: one line (or the cell's error text below it). */
function describeFailure(e: unknown): { line: string; location?: string; detail?: string; expected: boolean } {
  if (e instanceof CellFailure) {
    const [first, ...rest] = e.message.split("\n");
    return { line: first, detail: rest.join("\n"), expected: true };
  }
  if (e instanceof NotebookFormatError) return { line: e.what, location: e.location, expected: true };
  if (e instanceof ParameterError) return { line: e.message, expected: true };
  if (e instanceof KernelDiedError) return { line: e.message.split("\n")[0], detail: e.lastLog, expected: true };
  const err = e instanceof Error ? e : new Error(String(e));
  return { line: err.message.split("\n")[0], detail: err.stack, expected: false };
}

let stopping: NodeJS.Signals | undefined;
let checkDir: string | undefined;

function removeCheckDir(keep: boolean): void {
  if (checkDir && !keep) rmSync(checkDir, { recursive: true, force: true });
}

function onSignal(signal: NodeJS.Signals): void {
  const code = signalExitCode(signal);
  if (stopping) {
    // A second signal: no more waiting (the exit hook of kernel-client kills what is left).
    process.exit(code);
  }
  stopping = signal;
  process.stderr.write(`\nnotebooks: ${signal} received: stopping the kernel…\n`);
  void stopAllKernels(`the runner received ${signal}`).finally(() => {
    removeCheckDir(false);
    process.exit(code);
  });
}

/**
 * If the process that started the runner goes away without passing a signal on (a shell or a
 * launcher killed outright), the runner is re-parented: treat that as a hang-up, so the kernel
 * never outlives the command the user started.
 */
function watchParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !stopping) {
      process.stderr.write(`\nnotebooks: the parent process ${parent} is gone\n`);
      onSignal("SIGHUP");
    }
  }, 1000).unref();
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(HELP);
    return EXIT.ok;
  }
  const verbose = process.argv.includes("--verbose");
  const root = resolve(__dirname, "..", "..");
  const args = parseArgs(argv);
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, onSignal);
  watchParent();
  const files = args.files.length ? args.files.map((f) => resolve(f)) : listNotebooks(join(root, "notebooks"));
  ensureLibBuilt(root, (l) => console.log(l));
  checkDir = args.check ? mkdtempSync(join(tmpdir(), "notebooks-check-")) : undefined;
  let drifted = false;
  const t0 = performance.now();
  // One notebook: its log lines go straight to the terminal with one job, and are printed
  // together when it finishes with several (so the lines of parallel notebooks do not mix).
  const failureOf: ({ name: string; line: string } | undefined)[] = files.map(() => undefined);
  const runOne = async (file: string, k: number): Promise<void> => {
    const buffered = args.jobs > 1;
    const lines: { err: boolean; text: string }[] = [];
    const say = (text: string) => (buffered ? lines.push({ err: false, text }) : console.log(text));
    const warn = (text: string) => (buffered ? lines.push({ err: true, text }) : console.error(text));
    const name = relative(process.cwd(), file) || file;
    const started = performance.now();
    try {
      const nb = readNotebook(file);
      const nCode = nb.cells.filter((c) => c.cell_type === "code").length;
      console.log(`▶ ${name} (${nCode} code cells)${args.check ? " [check]" : ""}`);
      const done = await executeNotebook(nb, dirname(file), {
        timeoutSec: args.timeout,
        parameters: args.params,
        repoRoot: root,
        onCell: (p) =>
          say(`  [${String(p.index).padStart(2)}/${p.total}] ${(p.tag ?? "").padEnd(7)} ${p.seconds.toFixed(2)} s`),
      });
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      if (checkDir) {
        const diffs = compareNotebooks(nb, done, { tolerance: args.tolerance });
        if (diffs.length) {
          drifted = true;
          const fresh = join(checkDir, basename(file));
          writeNotebookAtomic(fresh, done);
          failureOf[k] = { name, line: `outputs drifted in ${diffs.length} cell(s) (fresh execution: ${fresh})` };
          warn(`✗ ${name}: outputs drifted in ${diffs.length} cell(s) (fresh execution: ${fresh})`);
          for (const d of diffs) {
            const where = d.cellIndex < 0 ? "notebook" : `cell ${d.codeIndex}${d.tag ? ` (${d.tag})` : ""}`;
            warn(`--- ${where}: - committed, + fresh\n${d.diff}`);
          }
        } else say(`✓ ${name}: outputs reproduced (${secs} s)`);
      } else {
        const target = args.output
          ? resolve(args.output)
          : args.outputDir
            ? join(resolve(args.outputDir), basename(file))
            : file;
        mkdirSync(dirname(target), { recursive: true });
        writeNotebookAtomic(target, done);
        say(`✓ ${name}: executed in ${secs} s → ${relative(process.cwd(), target) || target}`);
      }
    } catch (e) {
      if (stopping) return;
      const f = describeFailure(e);
      failureOf[k] = { name: `${name}${f.location ?? ""}`, line: f.line };
      warn(`✗ ${name}${f.location ?? ""}: ${f.line}`);
      if (f.detail && (verbose || f.expected)) warn(f.detail.replace(/^/gm, "  "));
      if (!f.expected && !verbose) warn("  (an unexpected error; --verbose prints its stack)");
      if (e instanceof CellFailure) warn("  The notebook file was left unchanged.");
    } finally {
      if (!stopping) for (const l of lines) (l.err ? console.error : console.log)(l.text);
    }
  };
  // `jobs` notebooks at a time, each in its own kernel; taken in name order.
  let next = 0;
  const worker = async () => {
    while (!stopping && next < files.length) {
      const k = next++;
      await runOne(files[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.jobs, files.length) }, worker));
  const failures = failureOf.filter((f): f is { name: string; line: string } => f !== undefined);
  if (stopping) return new Promise<number>(() => {}); // the signal handler exits
  removeCheckDir(drifted);
  const total = ((performance.now() - t0) / 1000).toFixed(1);
  const ok = files.length - failures.length;
  console.log(`${ok} of ${files.length} notebooks ${args.check ? "reproduced" : "executed"} in ${total} s`);
  if (failures.length) {
    console.error(`${failures.length} failed:`);
    for (const f of failures) console.error(`  ${f.name}: ${f.line}`);
  }
  return failures.length ? EXIT.failure : EXIT.ok;
}

runCli("notebooks", main, {
  usage: "Run with --help for the options.",
  expected: [CliError, NotebookFormatError],
  exit: true,
});
