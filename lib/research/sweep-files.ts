/**
 * The files of a sweep's output folder DIR, and the fingerprint of the data it ran on:
 *
 * - `DIR/results.jsonl`: one JSON line per finished configuration, `{"id", "params", "metrics",
 *   "error"?, "study", "seconds"}` (metrics `null` when the run failed; a NaN figure — e.g. a
 *   Sharpe ratio of constant returns — is written as `null`). Appended as configurations finish,
 *   in the sweep's order; on start, a resumed sweep skips every id already in the file. A final
 *   line without its newline or not valid (a kill in the middle of a write) is dropped and the
 *   file cut back to the last complete line, so that configuration runs again; a bad line
 *   before the last one is an error naming the line (the file is not touched then).
 * - `DIR/results.csv`: written when the sweep ends, one row per configuration in the sweep's
 *   order: index, id, the axes, then the metrics (`accuracy`, `top3_accuracy`, `months`,
 *   `pred_total_return`, `pred_sharpe_sqrt12`, `pred_sharpe_sqrt252`, `proba_total_return`,
 *   `proba_sharpe_sqrt12`, `proba_sharpe_sqrt252`, `error`). No timing in it, so it is byte
 *   identical whatever the number of workers or machines.
 * - `DIR/sweep.json`: the data set's fingerprint and description, and the sweep (mode, axes,
 *   count). A folder holding results for other data is refused (results are keyed by the
 *   configuration alone).
 *
 * The data fingerprint is the SHA-256 over the files directly in the data folder (sorted names,
 * sizes and bytes; subfolders such as daily/ are other notebooks' data), so workers on other
 * machines can check they read the same data.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { rowsToCsv } from "../backtest/report";
import { resolveDataDir } from "../data/data-dir";
import type { StudyConfig } from "../pipeline/study";
import type { AxisValue, SweepMetrics, SweepPlan, SweepResult } from "./sweep";

/** A problem with a sweep's output folder (corrupt results file, results for other data). */
export class SweepFilesError extends Error {
  override name = "SweepFilesError";
}

export const RESULTS_JSONL = "results.jsonl";
export const RESULTS_CSV = "results.csv";
export const MANIFEST_JSON = "sweep.json";

const METRIC_KEYS: readonly (keyof SweepMetrics)[] = [
  "accuracy",
  "top3Accuracy",
  "months",
  "predTotalReturn",
  "predSharpe12",
  "predSharpe252",
  "probaTotalReturn",
  "probaSharpe12",
  "probaSharpe252",
  "predSkewness",
  "predKurtosis",
];

/** Metrics added after the first release: a line written without them reads them as NaN. */
const LATER_METRIC_KEYS: ReadonlySet<keyof SweepMetrics> = new Set(["predSkewness", "predKurtosis"]);

const CSV_METRIC_COLUMNS: Readonly<Record<keyof SweepMetrics, string>> = {
  accuracy: "accuracy",
  top3Accuracy: "top3_accuracy",
  months: "months",
  predTotalReturn: "pred_total_return",
  predSharpe12: "pred_sharpe_sqrt12",
  predSharpe252: "pred_sharpe_sqrt252",
  probaTotalReturn: "proba_total_return",
  probaSharpe12: "proba_sharpe_sqrt12",
  probaSharpe252: "proba_sharpe_sqrt252",
  predSkewness: "pred_skewness",
  predKurtosis: "pred_kurtosis",
};

/** One results.jsonl line (with its newline) for a result. */
export function resultToJsonLine(r: SweepResult): string {
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const metrics = r.metrics ? Object.fromEntries(METRIC_KEYS.map((k) => [k, num(r.metrics![k])])) : null;
  const study = JSON.parse(canonicalStudyJson(r.study));
  return `${JSON.stringify({
    id: r.id,
    params: r.params,
    metrics,
    ...(r.error !== undefined ? { error: r.error } : {}),
    study,
    seconds: r.seconds,
  })}\n`;
}

function canonicalStudyJson(study: StudyConfig): string {
  const sort = (x: unknown): unknown =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, sort(v)]),
        )
      : x;
  return JSON.stringify(sort(study));
}

/** Parses one results line; throws a plain Error saying what is wrong. */
export function parseResultLine(line: string): SweepResult {
  const o = JSON.parse(line) as Record<string, unknown>;
  if (!o || typeof o !== "object" || Array.isArray(o)) throw new Error("not a JSON object");
  if (typeof o.id !== "string" || !/^[0-9a-f]{64}$/.test(o.id)) throw new Error("id: expected 64 hex digits");
  if (!o.params || typeof o.params !== "object" || Array.isArray(o.params))
    throw new Error("params: expected an object");
  if (!o.study || typeof o.study !== "object" || Array.isArray(o.study)) throw new Error("study: expected an object");
  if (typeof o.seconds !== "number") throw new Error("seconds: expected a number");
  let metrics: SweepMetrics | null = null;
  if (o.metrics !== null) {
    const m = o.metrics as Record<string, unknown>;
    if (!m || typeof m !== "object") throw new Error("metrics: expected an object or null");
    const out: Partial<SweepMetrics> = {};
    for (const k of METRIC_KEYS) {
      const v = m[k];
      if (v === null || (v === undefined && LATER_METRIC_KEYS.has(k))) out[k] = Number.NaN;
      else if (typeof v === "number") out[k] = v;
      else throw new Error(`metrics.${k}: expected a number or null`);
    }
    metrics = out as SweepMetrics;
  }
  if (metrics === null && typeof o.error !== "string") throw new Error("a line without metrics needs an error");
  return {
    id: o.id,
    params: o.params as Record<string, AxisValue>,
    study: o.study as StudyConfig,
    metrics,
    ...(typeof o.error === "string" ? { error: o.error } : {}),
    seconds: o.seconds,
  };
}

/** What {@link readResults} found. */
export interface ResultsFile {
  /** Results by id (the first line of an id wins). */
  results: Map<string, SweepResult>;
  /** Lines read. */
  lines: number;
  /** Whether a truncated or invalid final line was dropped (and the file cut back). */
  droppedPartialLine: boolean;
}

/**
 * Reads DIR/results.jsonl (missing = empty). A final line without its newline or not valid is
 * dropped and, unless `repair` is false, the file is truncated to the last complete line; a bad
 * line before it is a {@link SweepFilesError} naming the line number.
 */
export function readResults(file: string, opts: { repair?: boolean } = {}): ResultsFile {
  const results = new Map<string, SweepResult>();
  if (!existsSync(file)) return { results, lines: 0, droppedPartialLine: false };
  const buf = readFileSync(file);
  const text = buf.toString("utf8");
  let offset = 0;
  let goodBytes = 0;
  let lines = 0;
  let dropped = false;
  let lineNo = 0;
  while (offset < text.length) {
    lineNo++;
    const nl = text.indexOf("\n", offset);
    const complete = nl >= 0;
    const line = text.slice(offset, complete ? nl : text.length);
    const next = complete ? nl + 1 : text.length;
    const isLast = next >= text.length;
    if (line.trim() === "" && complete) {
      offset = next;
      goodBytes = Buffer.byteLength(text.slice(0, next));
      continue;
    }
    let r: SweepResult | undefined;
    let problem: string | undefined;
    if (!complete) problem = "no newline at the end (interrupted write)";
    else
      try {
        r = parseResultLine(line);
      } catch (e) {
        problem = (e as Error).message;
      }
    if (problem !== undefined) {
      if (!isLast) throw new SweepFilesError(`${file}: line ${lineNo}: ${problem}`);
      dropped = true;
      break;
    }
    lines++;
    if (!results.has(r!.id)) results.set(r!.id, r!);
    offset = next;
    goodBytes = Buffer.byteLength(text.slice(0, next));
  }
  if (dropped && opts.repair !== false) truncateSync(file, goodBytes);
  return { results, lines, droppedPartialLine: dropped };
}

/** results.csv text: one row per configuration of the plan that has a result, in the plan's order. */
export function resultsCsv(plan: SweepPlan, results: ReadonlyMap<string, SweepResult>): string {
  const rows: Record<string, unknown>[] = [];
  for (const c of plan.configurations) {
    const r = results.get(c.id);
    if (!r) continue;
    const row: Record<string, unknown> = { index: c.index, id: c.id };
    for (const a of plan.axes) {
      const v = c.params[a];
      row[a] = v === null ? "" : typeof v === "boolean" ? String(v) : v;
    }
    for (const k of METRIC_KEYS) row[CSV_METRIC_COLUMNS[k]] = r.metrics ? r.metrics[k] : Number.NaN;
    row.error = r.error ?? "";
    rows.push(row);
  }
  return rowsToCsv(rows);
}

/**
 * The data folder a sweep reads (absolute): the notebooks' rule for monthly data
 * (`resolveDataDir` of lib/data/data-dir.ts: `dir`, else $FACTOR_DATA_DIR, else the embedded sample).
 */
export function sweepDataDir(dir?: string): string {
  return resolveDataDir(dir, "monthly").dir;
}

/**
 * SHA-256 hex over the files directly in the folder (sorted names, sizes and contents) — the
 * monthly files notebook 01 reads (constituents, fields, history, display names, release lags);
 * subfolders (daily/, funds/ of other notebooks) are not part of it.
 */
export function dataFingerprint(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SweepFilesError(`data folder ${dir} not found`);
  const names = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .sort();
  const h = createHash("sha256");
  for (const name of names) {
    const bytes = readFileSync(path.join(dir, name));
    h.update(`${name}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest("hex");
}

/** The manifest of an output folder. */
export interface SweepManifest {
  data: { fingerprint: string; description: string };
  description?: string;
  mode: SweepPlan["mode"];
  axes: string[];
  configurations: number;
}

/**
 * Creates DIR, checks an existing DIR/sweep.json was made on the same data (else a
 * {@link SweepFilesError}) and writes the current one.
 */
export function prepareOutDir(outDir: string, plan: SweepPlan, data: SweepManifest["data"]): void {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, MANIFEST_JSON);
  if (existsSync(file)) {
    let old: SweepManifest;
    try {
      old = JSON.parse(readFileSync(file, "utf8")) as SweepManifest;
    } catch (e) {
      throw new SweepFilesError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    if (old.data?.fingerprint !== data.fingerprint)
      throw new SweepFilesError(
        `${outDir} holds results for other data (${old.data?.description ?? "unknown"}, fingerprint ${String(old.data?.fingerprint).slice(0, 12)}); this sweep reads ${data.description} (${data.fingerprint.slice(0, 12)}): use another --out`,
      );
  }
  const manifest: SweepManifest = {
    data,
    ...(plan.description !== undefined ? { description: plan.description } : {}),
    mode: plan.mode,
    axes: plan.axes,
    configurations: plan.configurations.length,
  };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
