/**
 * Output comparison for the reproducibility check (`npm run notebooks:check`), in the spirit of
 * nbval: every code cell's outputs in the committed notebook are compared with a fresh execution.
 *
 * Rules (documented in README "Reproducibility check"):
 * 1. Each output is rendered to comparable text: `stream:<name>` + text; `display_data` /
 *    `execute_result`: one block per MIME type, sorted by MIME type, JSON payloads
 *    (`application/*+json`) as canonical sorted-key JSON; `error`: name, value and traceback.
 * 2. Volatile content is normalised before comparing: lines matching any of the `ignore`
 *    patterns are dropped (default: none, our notebooks print no timings), and the execution
 *    count is compared as part of the cell.
 * 3. Numbers: with `tolerance` 0 (default) texts must be identical. With `tolerance` > 0, two
 *    lines that differ only in numeric tokens are equal when every pair of numbers satisfies
 *    |a − b| ≤ tolerance · max(1, |a|, |b|).
 */
import type { MimeBundle, Notebook, Output } from "./ipynb";

export interface CompareOptions {
  tolerance?: number;
  ignore?: RegExp[];
}

export interface CellDiff {
  cellIndex: number;
  codeIndex: number;
  tag?: string;
  diff: string;
}

function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x !== null && typeof x === "object") {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x as object).sort()) o[k] = sort((x as Record<string, unknown>)[k]);
      return o;
    }
    return x;
  };
  return JSON.stringify(sort(v), null, 1);
}

function bundleText(data: MimeBundle): string {
  return Object.keys(data)
    .sort()
    .map((k) => `[${k}]\n${typeof data[k] === "string" ? (data[k] as string) : canonicalJson(data[k])}`)
    .join("\n");
}

/** The comparable text of a cell's outputs (rule 1). */
export function outputsText(outputs: Output[], executionCount: number | null): string {
  const parts = [`execution_count: ${executionCount ?? "null"}`];
  for (const o of outputs) {
    if (o.output_type === "stream") parts.push(`--- stream:${o.name}\n${o.text}`);
    else if (o.output_type === "error") parts.push(`--- error\n${o.ename}: ${o.evalue}\n${o.traceback.join("\n")}`);
    else parts.push(`--- ${o.output_type}\n${bundleText(o.data)}`);
  }
  return parts.join("\n");
}

const NUM = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** Line equality under the numeric tolerance (rule 3). */
export function linesEqual(a: string, b: string, tolerance: number): boolean {
  if (a === b) return true;
  if (!(tolerance > 0)) return false;
  if (a.replace(NUM, "#") !== b.replace(NUM, "#")) return false;
  const na = a.match(NUM) ?? [];
  const nb = b.match(NUM) ?? [];
  if (na.length !== nb.length) return false;
  for (let i = 0; i < na.length; i++) {
    const x = Number(na[i]);
    const y = Number(nb[i]);
    if (Math.abs(x - y) > tolerance * Math.max(1, Math.abs(x), Math.abs(y))) return false;
  }
  return true;
}

/**
 * A line diff (longest common subsequence) in unified style: `-` committed, `+` fresh, with
 * `context` unchanged lines around each change. Returns "" when equal.
 */
export function lineDiff(expected: string, actual: string, tolerance = 0, context = 2): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const n = a.length;
  const m = b.length;
  // LCS table on (n+1)(m+1); outputs are small (a few thousand lines at most).
  const L: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i][j] = linesEqual(a[i], b[j], tolerance) ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    }
  }
  const ops: { t: " " | "-" | "+"; s: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && linesEqual(a[i], b[j], tolerance)) {
      ops.push({ t: " ", s: a[i] });
      i++;
      j++;
    } else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) {
      ops.push({ t: "+", s: b[j++] });
    } else {
      ops.push({ t: "-", s: a[i++] });
    }
  }
  if (ops.every((o) => o.t === " ")) return "";
  const keep = new Array(ops.length).fill(false);
  ops.forEach((o, k) => {
    if (o.t !== " ") for (let d = -context; d <= context; d++) if (ops[k + d]) keep[k + d] = true;
  });
  const lines: string[] = [];
  let skipped = false;
  ops.forEach((o, k) => {
    if (keep[k]) {
      lines.push(`${o.t} ${o.s}`);
      skipped = false;
    } else if (!skipped) {
      lines.push("  …");
      skipped = true;
    }
  });
  return lines.join("\n");
}

/** Compare the outputs of two executions of the same notebook, cell by cell. */
export function compareNotebooks(committed: Notebook, fresh: Notebook, opts: CompareOptions = {}): CellDiff[] {
  const tol = opts.tolerance ?? 0;
  const drop = (s: string) =>
    opts.ignore?.length
      ? s
          .split("\n")
          .filter((l) => !opts.ignore?.some((r) => r.test(l)))
          .join("\n")
      : s;
  const diffs: CellDiff[] = [];
  const a = committed.cells;
  const b = fresh.cells;
  if (a.length !== b.length) {
    diffs.push({ cellIndex: -1, codeIndex: -1, diff: `cell count differs: committed ${a.length}, fresh ${b.length}` });
    return diffs;
  }
  let code = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.cell_type !== "code" || y.cell_type !== "code") continue;
    code++;
    const tag = (x.metadata.tags ?? []).find((t) => /^In\[\d+\]$/.test(t));
    const d = lineDiff(
      drop(outputsText(x.outputs, x.execution_count)),
      drop(outputsText(y.outputs, y.execution_count)),
      tol,
    );
    if (d) diffs.push({ cellIndex: i, codeIndex: code, tag, diff: d });
  }
  return diffs;
}
