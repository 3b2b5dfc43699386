/**
 * Sensitivity sweeps over notebook 01's study (issue 13): a base study configuration
 * (`StudyConfigInput`, lib/pipeline/study.ts) and axes of values, expanded as a grid (cartesian
 * product) or a seeded random search into validated `StudyConfig`s, each with a stable id, and the
 * result row of one configuration (`runStudy` → model metrics and the two strategies' figures).
 * Running many configurations in parallel (worker threads, or BullMQ across machines) and the
 * results files are in sweep-run.ts, sweep-files.ts and sweep-queue.ts.
 *
 * ## Grid file (JSON)
 *
 * ```json
 * {
 *   "description": "booster depth × column order × errata",
 *   "base": { "errata": "corrected", "classifier": { "nEstimators": 20 } },
 *   "axes": {
 *     "maxDepth": [2, 4],
 *     "featureOrderSeed": [null, 1, 2],
 *     "errata": ["corrected", "E7", "factors.factorReturnsSameMonthWeights", "faithful"]
 *   },
 *   "random": { "samples": 10, "seed": 1 }
 * }
 * ```
 *
 * - `base` (optional): a study configuration as accepted by `npm run pipeline -- --config`
 *   (every key optional, article defaults; see lib/pipeline/study.ts).
 * - `axes` (required, at least one): axis name → list of values (at least one, no duplicates).
 *   Axes: `nEstimators`, `learningRate`, `maxDepth`, `minChildWeight`, `regLambda`, `gamma` (the
 *   classifier's, set in `classifier`); `rfe` (features kept); `split` (first test month,
 *   YYYY-MM-DD); `featureOrderSeed` (an integer permutes the model's 12 columns with that seed,
 *   `null` keeps the importance table's order); `momentumClass` (true/false); `costBps`; and
 *   `errata`: `"faithful"`, `"corrected"`, or one switch — `"area.switch"`
 *   (`"factors.marketChangesLeadOneMonth"`), a bare switch name or an erratum id (`"E7"`) —
 *   meaning the corrected preset with only that switch back at the article's behaviour; the
 *   string `"each"` instead of a list means faithful, corrected and every switch on its own.
 * - `random` (optional): instead of the full grid, draw `samples` distinct configurations with
 *   the seeded generator of lib/random.ts (`seed`, a 32-bit integer): each axis independently, a
 *   list uniformly, or a range `{ "min": a, "max": b }` uniformly (integers for the integer axes
 *   nEstimators, maxDepth, rfe, featureOrderSeed; ranges only in random mode and only on numeric
 *   axes). A duplicate draw is drawn again (up to 100 × samples draws; a small space gives fewer).
 *
 * Grid order: axes in the file's key order, the first one varying slowest (like
 * itertools.product); random order: the order of the draws. Results are written in this order.
 *
 * ## Ids
 *
 * A configuration's id is the SHA-256 (hex) of the canonical JSON of its normalised study:
 * keys sorted at every level, `undefined` left out, the classifier completed with xgboost's
 * defaults and the errata resolved to every switch — so the id does not depend on key order or on
 * how a default was written, and changes when a preset's meaning changes.
 *
 * ## Result rows
 *
 * Accuracy and top-3 accuracy of the test months, the number of return months, and for the
 * predicted-factor (`pred`) and probability-weighted (`proba`) strategies the compounded total
 * return (percent) and the Sharpe ratio of the monthly returns with √12 (corrected) and √252 (the
 * article's erratum B2) — whatever the configuration's errata, so rows are comparable — the
 * skewness and (non-excess) kurtosis of the predicted-factor strategy's monthly returns (biased
 * moment ratios of sharpe-statistics.ts `returnMoments`, what the deflated Sharpe ratio of each
 * configuration needs; NaN for a numerically constant series), plus the
 * seconds the run took (timing, never compared). A configuration whose run throws (e.g. a split
 * that leaves too few months) gets a row with its `error` and no metrics.
 */
import { createHash } from "node:crypto";
import { totalReturn } from "../backtest/cumulative";
import { ARTICLE_SHARPE_PERIODS } from "../backtest/sharpe";
import { returnSeries } from "../backtest/strategy-returns";
import type { DataSource } from "../data/schema";
import { ARTICLE_CORRECTED, ARTICLE_FAITHFUL, type ArticleErrata, erratumById, resolveArticleErrata } from "../errata";
import { DEFAULT_BOOSTER_PARAMS } from "../model/booster-exact";
import { runStudy } from "../pipeline/article-pipeline";
import {
  parseStudyConfig,
  readJsonFile,
  type StudyConfig,
  StudyConfigError,
  type StudyConfigInput,
} from "../pipeline/study";
import { createRng } from "../random";
import { MONTHLY_PERIODS } from "../statistics/periods";
import { sharpeRatio } from "../statistics/sharpe-ratio";
import defaultGridJson from "./default-grid.json";
import { returnMoments } from "./sharpe-statistics";

/** A problem with a grid file (bad JSON, unknown or empty axis, a value the study rejects). */
export class SweepGridError extends Error {
  override name = "SweepGridError";
}

/** The axes that are booster options (the study's `classifier`), in the CSV's order. */
const CLASSIFIER_AXIS_NAMES = [
  "nEstimators",
  "learningRate",
  "maxDepth",
  "minChildWeight",
  "regLambda",
  "gamma",
] as const;

/** Axes of a sweep, in the order the CSV lists them when a grid names them all. */
export const SWEEP_AXES = [
  ...CLASSIFIER_AXIS_NAMES,
  "rfe",
  "split",
  "featureOrderSeed",
  "errata",
  "momentumClass",
  "costBps",
] as const;
export type SweepAxis = (typeof SWEEP_AXES)[number];

/** One value of an axis (null only for featureOrderSeed: the table's order). */
export type AxisValue = number | string | boolean | null;

/** A numeric range for random search. */
export interface AxisRange {
  min: number;
  max: number;
}

/** The grid file's shape (see the module comment). */
export interface SweepGridInput {
  description?: string;
  base?: StudyConfigInput;
  axes: Partial<Record<SweepAxis, readonly AxisValue[] | AxisRange | "each">>;
  random?: { samples: number; seed: number };
}

/** One configuration of a sweep. */
export interface SweepConfiguration {
  /** SHA-256 hex of the canonical study (see {@link studyId}). */
  id: string;
  /** Position in the sweep (grid or draw order), from 0. */
  index: number;
  /** The axis values of this configuration, in the sweep's axis order. */
  params: Record<string, AxisValue>;
  /** The normalised study (classifier completed, errata resolved). */
  study: StudyConfig;
}

/** An expanded sweep. */
export interface SweepPlan {
  description?: string;
  mode: "grid" | "random";
  /** Axis names in the sweep's order (CSV columns). */
  axes: SweepAxis[];
  configurations: SweepConfiguration[];
  /** Grid points dropped because an earlier one had the same id. */
  duplicates: number;
}

/** The compared part of a result row. */
export interface SweepMetrics {
  accuracy: number;
  top3Accuracy: number;
  /** Return months of the backtest (test months minus the one without a next month). */
  months: number;
  /** Predicted-factor strategy: compounded total return (%), Sharpe √12 and √252. */
  predTotalReturn: number;
  predSharpe12: number;
  predSharpe252: number;
  /** Probability-weighted strategy: compounded total return (%), Sharpe √12 and √252. */
  probaTotalReturn: number;
  probaSharpe12: number;
  probaSharpe252: number;
  /** Predicted-factor monthly returns: skewness γ₃ and kurtosis γ₄ (biased, non-excess; NaN if constant). */
  predSkewness: number;
  predKurtosis: number;
}

/** The result of one configuration (one line of results.jsonl). */
export interface SweepResult {
  id: string;
  params: Record<string, AxisValue>;
  study: StudyConfig;
  /** null when the run failed (then `error` says why). */
  metrics: SweepMetrics | null;
  error?: string;
  /** Wall-clock seconds of the run (timing: excluded from every comparison). */
  seconds: number;
}

/**
 * The shipped default grid (lib/research/default-grid.json): 12 configurations with a small
 * booster (20 rounds, depth 3) — errata corrected / E7 kept / faithful × the table's column
 * order and three seeded permutations; 20–40 s of wall clock on two cores.
 */
export const DEFAULT_SWEEP_GRID: Readonly<SweepGridInput> = defaultGridJson as SweepGridInput;

/** Largest number of configurations a sweep may have. */
export const MAX_CONFIGURATIONS = 100_000;

const INTEGER_AXES: ReadonlySet<SweepAxis> = new Set(["nEstimators", "maxDepth", "rfe", "featureOrderSeed"]);
const CLASSIFIER_AXES: ReadonlySet<SweepAxis> = new Set(CLASSIFIER_AXIS_NAMES);
const NUMERIC_AXES: ReadonlySet<SweepAxis> = new Set([...CLASSIFIER_AXES, "rfe", "featureOrderSeed", "costBps"]);

/** JSON with keys sorted at every level and `undefined` members left out (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value))
      throw new Error(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * The study in normal form: validated, classifier completed with xgboost's defaults, errata
 * resolved to every switch (so equal studies written differently are equal objects).
 */
export function normaliseStudy(study: StudyConfig | StudyConfigInput): StudyConfig {
  const s = parseStudyConfig(study);
  const classifier = {
    nEstimators: DEFAULT_BOOSTER_PARAMS.nEstimators,
    learningRate: DEFAULT_BOOSTER_PARAMS.learningRate,
    maxDepth: DEFAULT_BOOSTER_PARAMS.maxDepth,
    minChildWeight: DEFAULT_BOOSTER_PARAMS.minChildWeight,
    regLambda: DEFAULT_BOOSTER_PARAMS.regLambda,
    gamma: DEFAULT_BOOSTER_PARAMS.gamma,
    ...s.classifier,
  };
  const e = resolveArticleErrata(s.errata);
  const errata = { factors: { ...e.factors }, model: { ...e.model }, backtest: { ...e.backtest } };
  const out: StudyConfig = { ...s, classifier, errata };
  for (const k of Object.keys(out) as (keyof StudyConfig)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** The stable id of a study: SHA-256 hex of the canonical JSON of its normal form. */
export function studyId(study: StudyConfig | StudyConfigInput): string {
  return createHash("sha256")
    .update(canonicalJson(normaliseStudy(study)))
    .digest("hex");
}

/** Every errata switch as "area.switch", in the table's order (factors, model, backtest). */
export function errataSwitchNames(): string[] {
  const f = Object.keys(ARTICLE_FAITHFUL.factors).map((k) => `factors.${k}`);
  const m = Object.keys(ARTICLE_FAITHFUL.model).map((k) => `model.${k}`);
  const b = Object.keys(ARTICLE_FAITHFUL.backtest).map((k) => `backtest.${k}`);
  return [...f, ...m, ...b];
}

/**
 * The errata selected by an `errata` axis value: a preset, or the corrected preset with one
 * switch at the article's behaviour ("area.switch", a bare switch name, or an erratum id "E7").
 */
export function errataForAxisValue(value: string): ArticleErrata {
  if (value === "faithful") return resolveArticleErrata("faithful");
  if (value === "corrected") return resolveArticleErrata("corrected");
  const names = errataSwitchNames();
  let full: string | undefined;
  if (names.includes(value)) full = value;
  else {
    const bare = names.filter((n) => n.split(".")[1] === value);
    if (bare.length === 1) full = bare[0];
    else {
      const row = erratumById(value);
      if (row?.switch !== undefined) full = `${row.area}.${row.switch}`;
    }
  }
  if (full === undefined)
    throw new Error(
      `unknown errata value "${value}" (use "faithful", "corrected", "each", an erratum id with a switch or one of ${names.join(", ")})`,
    );
  const [area, key] = full.split(".") as [keyof ArticleErrata, string];
  const corrected: ArticleErrata = {
    factors: { ...ARTICLE_CORRECTED.factors },
    model: { ...ARTICLE_CORRECTED.model },
    backtest: { ...ARTICLE_CORRECTED.backtest },
  };
  (corrected[area] as unknown as Record<string, boolean>)[key] = true;
  return corrected;
}

/** The study input with one axis set to a value (no validation beyond the value's type). */
export function applyAxis(input: StudyConfigInput, axis: SweepAxis, value: AxisValue): StudyConfigInput {
  if (CLASSIFIER_AXES.has(axis)) return { ...input, classifier: { ...input.classifier, [axis]: value } };
  if (axis === "featureOrderSeed") {
    const { featureOrderSeed: _drop, ...rest } = input;
    return value === null ? rest : { ...rest, featureOrderSeed: value as number };
  }
  if (axis === "errata")
    return { ...input, errata: errataForAxisValue(value as string) as unknown as StudyConfigInput["errata"] };
  return { ...input, [axis]: value };
}

function typeProblem(axis: SweepAxis, v: AxisValue): string | undefined {
  if (axis === "split" || axis === "errata") return typeof v === "string" ? undefined : "expected a string";
  if (axis === "momentumClass") return typeof v === "boolean" ? undefined : "expected true or false";
  if (axis === "featureOrderSeed" && v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) return "expected a number";
  if (INTEGER_AXES.has(axis) && !Number.isInteger(v)) return "expected an integer";
  return undefined;
}

function isRange(x: unknown): x is AxisRange {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Expand a grid (parsed JSON) into its configurations. Every axis value is validated against the
 * base study on its own first, so an error names the axis and the value (`axes.maxDepth[1]`);
 * then every configuration. `where` prefixes the messages (the file name).
 */
export function expandSweep(input: unknown, where = "grid"): SweepPlan {
  const fail = (msg: string): never => {
    throw new SweepGridError(`${where}: ${msg}`);
  };
  if (!isPlainObject(input)) fail("expected a JSON object with keys base, axes, random, description");
  const g = input as Record<string, unknown>;
  for (const k of Object.keys(g))
    if (!["description", "base", "axes", "random"].includes(k))
      fail(`unknown key "${k}" (known: description, base, axes, random)`);
  if (g.description !== undefined && typeof g.description !== "string") fail("description: expected a string");
  if (g.base !== undefined && !isPlainObject(g.base)) fail("base: expected a study configuration object");
  const base = (g.base ?? {}) as StudyConfigInput;
  try {
    parseStudyConfig(base, `${where}: base`);
  } catch (e) {
    if (e instanceof StudyConfigError) throw new SweepGridError(e.message);
    throw e;
  }
  let random: { samples: number; seed: number } | undefined;
  if (g.random !== undefined) {
    const r = g.random as Record<string, unknown>;
    if (!isPlainObject(r)) fail("random: expected { samples, seed }");
    for (const k of Object.keys(r)) if (k !== "samples" && k !== "seed") fail(`random: unknown key "${k}"`);
    if (!Number.isInteger(r.samples) || (r.samples as number) < 1 || (r.samples as number) > MAX_CONFIGURATIONS)
      fail(`random.samples: expected an integer from 1 to ${MAX_CONFIGURATIONS}`);
    if (!Number.isInteger(r.seed) || (r.seed as number) < -(2 ** 31) || (r.seed as number) >= 2 ** 31)
      fail("random.seed: expected a 32-bit integer");
    random = { samples: r.samples as number, seed: r.seed as number };
  }
  if (!isPlainObject(g.axes) || Object.keys(g.axes).length === 0)
    fail(`axes: expected an object with at least one axis (known: ${SWEEP_AXES.join(", ")})`);
  const axesIn = g.axes as Record<string, unknown>;

  type Spec = { axis: SweepAxis; values?: AxisValue[]; range?: AxisRange };
  const specs: Spec[] = [];
  for (const [name, spec] of Object.entries(axesIn)) {
    const at = `axes.${name}`;
    if (!(SWEEP_AXES as readonly string[]).includes(name))
      fail(`${at}: unknown axis (known: ${SWEEP_AXES.join(", ")})`);
    const axis = name as SweepAxis;
    if (spec === "each") {
      if (axis !== "errata") fail(`${at}: "each" is only for the errata axis`);
      specs.push({ axis, values: ["faithful", "corrected", ...errataSwitchNames()] });
      continue;
    }
    if (isRange(spec)) {
      if (random === undefined) fail(`${at}: a range { min, max } needs random search ("random": { samples, seed })`);
      if (!NUMERIC_AXES.has(axis)) fail(`${at}: a range needs a numeric axis`);
      for (const k of Object.keys(spec)) if (k !== "min" && k !== "max") fail(`${at}: unknown range key "${k}"`);
      const { min, max } = spec as AxisRange;
      if (typeof min !== "number" || typeof max !== "number" || !Number.isFinite(min) || !Number.isFinite(max))
        fail(`${at}: min and max must be numbers`);
      if (!(min <= max)) fail(`${at}: min ${min} is above max ${max}`);
      if (INTEGER_AXES.has(axis) && !(Number.isInteger(min) && Number.isInteger(max)))
        fail(`${at}: min and max must be integers`);
      for (const [label, v] of [
        ["min", min],
        ["max", max],
      ] as const)
        checkValue(base, axis, v, `${at}.${label}`, where);
      specs.push({ axis, range: { min, max } });
      continue;
    }
    if (!Array.isArray(spec) || spec.length === 0) fail(`${at}: expected a non-empty list of values`);
    const values = spec as AxisValue[];
    const seen = new Set<string>();
    values.forEach((v, i) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) fail(`${at}[${i}]: duplicate value ${key}`);
      seen.add(key);
      const problem = typeProblem(axis, v);
      if (problem !== undefined) fail(`${at}[${i}] = ${key}: ${problem}`);
      checkValue(base, axis, v, `${at}[${i}]`, where);
    });
    specs.push({ axis, values: [...values] });
  }

  const axes = specs.map((s) => s.axis);
  const configurations: SweepConfiguration[] = [];
  const ids = new Set<string>();
  let duplicates = 0;
  const add = (params: Record<string, AxisValue>): boolean => {
    let study: StudyConfigInput = base;
    for (const a of axes) study = applyAxis(study, a, params[a]);
    let normal: StudyConfig;
    try {
      normal = normaliseStudy(parseStudyConfig(study, `${where}: configuration ${canonicalJson(params)}`));
    } catch (e) {
      if (e instanceof StudyConfigError) throw new SweepGridError(e.message);
      throw e;
    }
    const id = createHash("sha256").update(canonicalJson(normal)).digest("hex");
    if (ids.has(id)) return false;
    ids.add(id);
    configurations.push({ id, index: configurations.length, params, study: normal });
    return true;
  };

  if (random === undefined) {
    const count = specs.reduce((n, s) => n * (s.values?.length ?? 1), 1);
    if (count > MAX_CONFIGURATIONS)
      fail(`the grid has ${count} configurations, more than ${MAX_CONFIGURATIONS}; use random search`);
    const idx = new Array<number>(specs.length).fill(0);
    for (let c = 0; c < count; c++) {
      const params: Record<string, AxisValue> = {};
      specs.forEach((s, j) => {
        params[s.axis] = s.values![idx[j]];
      });
      if (!add(params)) duplicates++;
      for (let j = specs.length - 1; j >= 0; j--) {
        idx[j]++;
        if (idx[j] < specs[j].values!.length) break;
        idx[j] = 0;
      }
    }
  } else {
    const rng = createRng(random.seed);
    const maxDraws = 100 * random.samples;
    for (let d = 0; d < maxDraws && configurations.length < random.samples; d++) {
      const params: Record<string, AxisValue> = {};
      for (const s of specs) {
        if (s.values) params[s.axis] = s.values[rng.int(0, s.values.length - 1)];
        else {
          const { min, max } = s.range!;
          params[s.axis] = INTEGER_AXES.has(s.axis) ? rng.int(min, max) : min + (max - min) * rng.uniform();
        }
      }
      if (!add(params)) duplicates++;
    }
  }
  return {
    description: g.description as string | undefined,
    mode: random === undefined ? "grid" : "random",
    axes,
    configurations,
    duplicates,
  };
}

/** Validates one axis value against the base study on its own; the error names the axis and value. */
function checkValue(base: StudyConfigInput, axis: SweepAxis, v: AxisValue, at: string, where: string): void {
  let study: StudyConfigInput;
  try {
    study = applyAxis(base, axis, v);
  } catch (e) {
    throw new SweepGridError(`${where}: ${at}: ${(e as Error).message}`);
  }
  try {
    parseStudyConfig(study, `${where}: ${at} = ${JSON.stringify(v)}`);
  } catch (e) {
    if (e instanceof StudyConfigError) throw new SweepGridError(e.message);
    throw e;
  }
}

/** Read and expand a grid file; errors name the file (and the JSON position). */
export function loadSweep(file: string): SweepPlan {
  return expandSweep(
    readJsonFile(file, "grid file", (m) => new SweepGridError(m)),
    file,
  );
}

/** The metrics of one study run (see the module comment). */
export function studyMetrics(source: DataSource, study: StudyConfig): SweepMetrics {
  const run = runStudy(source, study);
  const series = returnSeries(run.backtest.table);
  const figures = (r: number[]) => ({
    total: totalReturn(r, "compound"),
    s12: sharpeRatio(r, { periodsPerYear: MONTHLY_PERIODS }),
    s252: sharpeRatio(r, { periodsPerYear: ARTICLE_SHARPE_PERIODS }),
  });
  const pred = figures(series.pred_return);
  const proba = figures(series.pred_proba_return);
  const moments = series.pred_return.length >= 3 ? returnMoments(series.pred_return) : undefined;
  return {
    accuracy: run.metrics.accuracy,
    top3Accuracy: run.metrics.top3Accuracy,
    months: run.backtest.table.dates.length,
    predTotalReturn: pred.total,
    predSharpe12: pred.s12,
    predSharpe252: pred.s252,
    probaTotalReturn: proba.total,
    probaSharpe12: proba.s12,
    probaSharpe252: proba.s252,
    predSkewness: moments ? moments.skewness : Number.NaN,
    predKurtosis: moments ? moments.kurtosis : Number.NaN,
  };
}

/** Runs one configuration: its metrics, or its error; `seconds` is the wall-clock time. */
export function runConfiguration(
  source: DataSource,
  config: Pick<SweepConfiguration, "id" | "params" | "study">,
): SweepResult {
  const t0 = performance.now();
  let metrics: SweepMetrics | null = null;
  let error: string | undefined;
  try {
    metrics = studyMetrics(source, config.study);
  } catch (e) {
    error = (e as Error).message ?? String(e);
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    id: config.id,
    params: config.params,
    study: config.study,
    metrics,
    ...(error !== undefined ? { error } : {}),
    seconds,
  };
}
