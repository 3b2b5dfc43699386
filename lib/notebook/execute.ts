/**
 * Headless execution of a notebook through the tslab kernel, producing the outputs Jupyter's
 * `nbconvert --to notebook --execute` would store:
 * - every code cell is sent to one fresh kernel started in the notebook's folder, in order;
 * - outputs keep their Jupyter types (stream, display_data with its MIME bundle, execute_result,
 *   error); consecutive stream outputs of the same name are merged and text before a carriage
 *   return is dropped, as nbconvert's `coalesce_streams` preprocessor does;
 * - the execution count is the kernel's;
 * - volatile cell metadata (`metadata.execution`, nbclient's timings) is removed;
 * - a cell without an `id` gets a stable one (`withCellIds`), so a save does not invent one;
 * - absolute paths of this checkout in outputs are rewritten relative to the notebook's folder
 *   (see `normalizePaths`), so outputs do not depend on where the repository lives.
 *
 * A failing cell (execute_reply status "error") stops the notebook; the caller gets a
 * `CellFailure` and nothing is written. The project's kernel (lib/kernel/tslab-kernel.ts) reports
 * the failure as a Jupyter `error` output whose traceback names the cell's own line and column
 * (`<cell N>:LINE:COLUMN`, N the execution count) and the `.ts` files of lib/; plain tslab's
 * stderr text is still understood.
 */
import { dirname, resolve, sep } from "node:path";
import { articleTag, type CodeCell, cellTags, type Notebook, type Output, withCellIds } from "./ipynb";
import { KernelTimeoutError, TslabKernel } from "./kernel-client";

export interface CellProgress {
  index: number; // 1-based index among code cells
  total: number;
  cellIndex: number; // 0-based index among all cells
  tag?: string;
  seconds: number;
}

export interface ExecuteOptions {
  /** Per-cell time limit in seconds (cell metadata `timeout` overrides it). Default 600. */
  timeoutSec?: number;
  /** Parameters injected after the cell tagged `parameters`, like papermill. */
  parameters?: Record<string, unknown>;
  /** Called after every code cell. */
  onCell?: (p: CellProgress) => void;
  /** Called before a code cell starts. */
  onCellStart?: (p: Omit<CellProgress, "seconds">) => void;
  /** Extra environment for the kernel. */
  env?: Record<string, string>;
  /** The repository root, for path normalisation. Default: the notebook folder's parent. */
  repoRoot?: string;
}

/**
 * A cell that failed, timed out or crashed the kernel. `codeIndex` (1-based) and `cellIndex`
 * (0-based) count the cells of the user's notebook — an injected parameters cell is not one of
 * them (it is named as such when it is the one that fails); `line` (and `column`) are the cell's
 * own.
 */
export class CellFailure extends Error {
  constructor(
    readonly cellIndex: number,
    readonly codeIndex: number,
    readonly tag: string | undefined,
    readonly detail: string,
    readonly line?: number,
    readonly reason: "error" | "timeout" | "crash" = "error",
    /** The column on `line` (1-based), when the kernel reports one. */
    readonly column?: number,
  ) {
    super(
      `${
        tag === "injected parameters"
          ? `the parameters injected after cell ${codeIndex} (notebook cell #${cellIndex + 1})`
          : `cell ${codeIndex} (notebook cell #${cellIndex + 1}${tag ? `, ${tag}` : ""})`
      }${line !== undefined ? ` line ${line}` : ""} ${
        reason === "timeout" ? "timed out" : reason === "crash" ? "crashed the kernel" : "failed"
      }:\n${detail}`,
    );
  }
}

/** Parameters that cannot be injected (no cell tagged "parameters", an invalid name). */
export class ParameterError extends Error {}

const CR_PAT = /.*\r(?=[^\n])/g;

/** nbconvert's coalesce_streams: merge consecutive same-name streams, drop text before `\r`. */
export function coalesceStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const o of outputs) {
    const last = merged[merged.length - 1];
    if (o.output_type === "stream" && last?.output_type === "stream" && last.name === o.name) {
      merged[merged.length - 1] = { ...last, text: last.text + o.text };
    } else merged.push(o.output_type === "stream" ? { ...o } : o);
  }
  for (const o of merged) if (o.output_type === "stream" && o.text.includes("\r")) o.text = o.text.replace(CR_PAT, "");
  return merged;
}

/**
 * Rewrite absolute paths so outputs are the same on every machine: the repository root becomes
 * a path relative to the notebook folder (`..` for notebooks/), and stack frames inside
 * node_modules or Node's internals are dropped (they say nothing about the notebook and change
 * with versions).
 */
export function normalizePaths(text: string, repoRoot: string, notebookDir: string): string {
  const root = repoRoot.endsWith(sep) ? repoRoot.slice(0, -1) : repoRoot;
  const rel = notebookDir === root ? "." : "..";
  let out = text
    .split("\n")
    .filter((l) => !/^\s+at (.*(node_modules[\\/]|\(node:)|node:)/.test(l))
    .join("\n");
  out = out.split(`${root}${sep}`).join(`${rel}/`).split(root).join(rel);
  return out;
}

function normalizeOutputs(outputs: Output[], repoRoot: string, nbDir: string): Output[] {
  const fix = (s: string) => normalizePaths(s, repoRoot, nbDir);
  return coalesceStreams(outputs).map((o) => {
    if (o.output_type === "stream") return { ...o, text: fix(o.text) };
    if (o.output_type === "error") return { ...o, evalue: fix(o.evalue), traceback: o.traceback.map(fix) };
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o.data)) data[k] = typeof v === "string" && k.startsWith("text/") ? fix(v) : v;
    return { ...o, data };
  });
}

/** Render a value as a TypeScript literal for an injected parameter cell. */
export function parameterLiteral(v: unknown): string {
  return JSON.stringify(v);
}

/**
 * Parse a command-line parameter value: numbers, `true`/`false`/`null` and JSON arrays/objects/
 * quoted strings are taken as JSON; anything else is a plain string.
 */
export function parseParameterValue(raw: string): unknown {
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) || /^(true|false|null)$/.test(raw) || /^[[{"]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

/** Insert (or replace) the `injected-parameters` cell after the `parameters` cell. */
export function injectParameters(nb: Notebook, params: Record<string, unknown>): Notebook {
  const cells = nb.cells.filter((c) => !cellTags(c).includes("injected-parameters"));
  const names = Object.keys(params);
  if (names.length === 0) return { ...nb, cells };
  const at = cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes("parameters"));
  if (at < 0) {
    throw new ParameterError(
      `parameters ${names.join(", ")} given, but the notebook has no code cell tagged "parameters" (tag the cell that defines them)`,
    );
  }
  for (const n of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(n))
      throw new ParameterError(`parameter name "${n}" is not a valid TypeScript identifier`);
  }
  const source = [
    "// Parameters injected by the runner (npm run notebooks -- -p NAME VALUE)",
    ...names.map((n) => `const ${n} = ${parameterLiteral(params[n])};`),
  ].join("\n");
  const injected: CodeCell = {
    cell_type: "code",
    id: "injected-parameters",
    metadata: { tags: ["injected-parameters"] },
    source,
    execution_count: null,
    outputs: [],
  };
  cells.splice(at + 1, 0, injected);
  return { ...nb, cells };
}

/**
 * The line and column of the cell (1-based, in the TypeScript source) that an error text points
 * at. The project's kernel names the cell's frames `<cell N>:LINE:COLUMN` (N: the execution
 * count): the first frame of the failing cell is taken. Type errors start with "L:C - message"
 * in cell coordinates. Plain tslab's runtime errors name `evalmachine.<anonymous>:L` in the
 * compiled JavaScript, followed by the offending JavaScript line; that line's text is located in
 * the TypeScript source (unique match), else there is no position.
 */
export function errorPosition(
  text: string,
  source?: string,
  executionCount?: number | null,
): { line: number; column?: number } | undefined {
  const typeErr = /^(\d+):(\d+) - /m.exec(text);
  if (typeErr) return { line: Number(typeErr[1]), column: Number(typeErr[2]) };
  if (executionCount !== undefined && executionCount !== null) {
    const frame = new RegExp(`<cell ${executionCount}>:(\\d+):(\\d+)`).exec(text);
    if (frame) return { line: Number(frame[1]), column: Number(frame[2]) };
  }
  const rt = /evalmachine\.<anonymous>:(\d+)\n(.*)\n/.exec(text);
  if (!rt) return undefined;
  if (source === undefined) return undefined;
  const needle = rt[2].trim();
  if (!needle) return undefined;
  const hits = source.split("\n").flatMap((l, i) => (l.trim() === needle ? [i + 1] : []));
  return hits.length === 1 ? { line: hits[0] } : undefined;
}

/**
 * The runner's report names cells in words: a traceback frame `<cell 3>:2:7` becomes
 * `<cell 3> line 2, column 7` (the report is read by people, and is no stack trace of the runner).
 */
export function cellFramesInWords(text: string): string {
  return text.replace(/<cell (\d+)>:(\d+):(\d+)/g, "<cell $1> line $2, column $3");
}

/** The line of `errorPosition`. */
export function errorLine(text: string, source?: string, executionCount?: number | null): number | undefined {
  return errorPosition(text, source, executionCount)?.line;
}

/**
 * Execute every code cell of `nb` (whose file lives in `notebookDir`) and return the executed
 * notebook. Throws `CellFailure` on the first failing cell, timeout or kernel crash.
 */
export async function executeNotebook(nb: Notebook, notebookDir: string, opts: ExecuteOptions = {}): Promise<Notebook> {
  const nbDir = resolve(notebookDir);
  const repoRoot = resolve(opts.repoRoot ?? dirname(nbDir));
  const work = injectParameters(nb, opts.parameters ?? {});
  const isInjected = (c: Notebook["cells"][number]) => cellTags(c).includes("injected-parameters");
  // Progress and failures count the user's cells: the injected parameters cell is not one of them.
  const userCodeCells = work.cells.filter((c) => c.cell_type === "code" && !isInjected(c)).length;
  const kernel = await TslabKernel.start({
    cwd: nbDir,
    env: { NODE_OPTIONS: "--enable-source-maps", FORCE_COLOR: "0", NO_COLOR: "1", ...opts.env },
  });
  const cells = [];
  let k = 0; // user code cells so far
  let userCell = -1; // index of the cell in the user's notebook (without the injected cell)
  try {
    for (let i = 0; i < work.cells.length; i++) {
      const cell = work.cells[i];
      const injected = isInjected(cell);
      if (!injected) userCell++;
      if (cell.cell_type !== "code") {
        cells.push(cell);
        continue;
      }
      if (!injected) k++;
      const tag = injected ? "injected parameters" : articleTag(cell);
      const at = { index: k, total: userCodeCells, cellIndex: userCell, tag };
      if (!injected) opts.onCellStart?.(at);
      const t0 = performance.now();
      const meta = { ...cell.metadata };
      delete meta.execution;
      const limit = typeof meta.timeout === "number" ? meta.timeout : (opts.timeoutSec ?? 600);
      let res: Awaited<ReturnType<TslabKernel["execute"]>>;
      try {
        res = await kernel.execute(cell.source, limit);
      } catch (e) {
        const reason = e instanceof KernelTimeoutError ? "timeout" : "crash";
        throw new CellFailure(
          at.cellIndex,
          k,
          tag,
          normalizePaths((e as Error).message, repoRoot, nbDir),
          undefined,
          reason,
        );
      }
      const outputs = normalizeOutputs(res.outputs, repoRoot, nbDir);
      if (res.status !== "ok") {
        const text = outputs
          .map((o) =>
            o.output_type === "stream"
              ? o.text
              : o.output_type === "error"
                ? // The traceback starts with "Name: message" (the kernel's format, as ipykernel's).
                  `${o.traceback.length ? o.traceback.join("\n") : `${o.ename}: ${o.evalue}`}\n`
                : "",
          )
          .join("")
          .trim();
        const pos = errorPosition(text, cell.source, res.executionCount);
        throw new CellFailure(
          at.cellIndex,
          k,
          tag,
          cellFramesInWords(text) || `kernel reported status "${res.status}"`,
          pos?.line,
          "error",
          pos?.column,
        );
      }
      cells.push({ ...cell, metadata: meta, execution_count: res.executionCount, outputs });
      if (!injected) opts.onCell?.({ ...at, seconds: (performance.now() - t0) / 1000 });
    }
  } finally {
    await kernel.shutdown();
  }
  // Cells without an id (nbformat 4.5 requires one) get a stable one: else Jupyter's writer gives
  // them a random id on every save.
  return withCellIds({ ...work, cells });
}
