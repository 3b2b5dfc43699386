/**
 * `npm run notebooks` — execute notebooks headlessly through the tslab kernel and store their
 * outputs; `npm run notebooks:check` — re-execute into a temporary folder and compare outputs
 * with the committed ones. Run with `--help` for the options.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { compareNotebooks } from "../notebook/compare";
import { CellFailure, executeNotebook, parseParameterValue } from "../notebook/execute";
import { readNotebook, writeNotebookAtomic } from "../notebook/ipynb";

const HELP = `Usage: npm run notebooks [-- [options] [notebook.ipynb ...]]
       npm run notebooks:check [-- [options] [notebook.ipynb ...]]

Executes the notebooks (default: every notebooks/*.ipynb, in name order) through the tslab
kernel, one fresh kernel per notebook started in the notebook's folder, and writes the outputs
back into each .ipynb — atomically and only when every cell succeeded.

Options:
  -p, --parameter NAME VALUE  inject "const NAME = VALUE" after the cell tagged "parameters"
                              (VALUE: number, true/false, JSON, or else a string); repeatable
  --timeout SEC               per-cell time limit (default 600; cell metadata "timeout" wins)
  --output PATH               write the executed notebook here instead (one notebook only)
  --output-dir DIR            write executed notebooks into DIR instead
  --check                     re-execute into a temporary folder and compare with the committed
                              outputs; exit 1 on any difference
  --tolerance X               --check: relative tolerance for numbers (default 0: exact text)
  -h, --help                  this text

Exit status: 0 success, 1 a cell failed / timed out / crashed the kernel, or outputs drifted
(--check), 2 bad usage.`;

interface Args {
  files: string[];
  params: Record<string, unknown>;
  timeout: number;
  output?: string;
  outputDir?: string;
  check: boolean;
  tolerance: number;
}

function usage(msg: string): never {
  console.error(`error: ${msg}\n\n${HELP}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], params: {}, timeout: 600, check: false, tolerance: 0 };
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    const next = (what: string) => {
      const v = argv[++i];
      if (v === undefined) usage(`${t} needs ${what}`);
      return v;
    };
    if (t === "-h" || t === "--help") {
      console.log(HELP);
      process.exit(0);
    } else if (t === "-p" || t === "--parameter") {
      const name = next("a name and a value");
      a.params[name] = parseParameterValue(next("a value"));
    } else if (t === "--timeout") {
      a.timeout = Number(next("seconds"));
      if (!(a.timeout > 0)) usage("--timeout must be a positive number of seconds");
    } else if (t === "--output") a.output = next("a path");
    else if (t === "--output-dir") a.outputDir = next("a folder");
    else if (t === "--check") a.check = true;
    else if (t === "--tolerance") {
      a.tolerance = Number(next("a number"));
      if (!(a.tolerance >= 0)) usage("--tolerance must be a number ≥ 0");
    } else if (t.startsWith("-")) usage(`unknown option ${t}`);
    else a.files.push(t);
  }
  return a;
}

function defaultNotebooks(root: string): string[] {
  const dir = join(root, "notebooks");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(dir, f));
}

async function main(): Promise<void> {
  const root = resolve(__dirname, "..", "..");
  const args = parseArgs(process.argv.slice(2));
  const files = (args.files.length ? args.files.map((f) => resolve(f)) : defaultNotebooks(root)).filter((f) => {
    if (!existsSync(f)) usage(`no such notebook: ${f}`);
    return true;
  });
  if (args.output && files.length !== 1) usage("--output takes exactly one notebook; use --output-dir for several");
  const checkDir = args.check ? mkdtempSync(join(tmpdir(), "notebooks-check-")) : undefined;
  let failed = 0;
  const t0 = performance.now();
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const nb = readNotebook(file);
    const nCode = nb.cells.filter((c) => c.cell_type === "code").length;
    console.log(`▶ ${name} (${nCode} code cells)${args.check ? " [check]" : ""}`);
    const started = performance.now();
    try {
      const done = await executeNotebook(nb, dirname(file), {
        timeoutSec: args.timeout,
        parameters: args.params,
        repoRoot: root,
        onCell: (p) =>
          console.log(
            `  [${String(p.index).padStart(2)}/${p.total}] ${(p.tag ?? "").padEnd(7)} ${p.seconds.toFixed(2)} s`,
          ),
      });
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      if (checkDir) {
        const fresh = join(checkDir, basename(file));
        writeNotebookAtomic(fresh, done);
        const diffs = compareNotebooks(nb, done, { tolerance: args.tolerance });
        if (diffs.length) {
          failed++;
          console.error(`✗ ${name}: outputs drifted in ${diffs.length} cell(s) (fresh execution: ${fresh})`);
          for (const d of diffs) {
            const where = d.cellIndex < 0 ? "notebook" : `cell ${d.codeIndex}${d.tag ? ` (${d.tag})` : ""}`;
            console.error(`--- ${where}: - committed, + fresh\n${d.diff}`);
          }
        } else console.log(`✓ ${name}: outputs reproduced (${secs} s)`);
      } else {
        const target = args.output
          ? resolve(args.output)
          : args.outputDir
            ? join(resolve(args.outputDir), basename(file))
            : file;
        mkdirSync(dirname(target), { recursive: true });
        writeNotebookAtomic(target, done);
        console.log(`✓ ${name}: executed in ${secs} s → ${relative(process.cwd(), target) || target}`);
      }
    } catch (e) {
      failed++;
      if (e instanceof CellFailure) {
        console.error(`✗ ${name}: ${e.message}`);
        console.error("  The notebook file was left unchanged.");
      } else {
        console.error(`✗ ${name}: ${(e as Error).stack ?? e}`);
      }
    }
  }
  const total = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${files.length - failed} of ${files.length} notebooks ${args.check ? "reproduced" : "executed"} in ${total} s`,
  );
  process.exit(failed ? 1 : 0);
}

void main();
