/**
 * The one performance table of lib/ (issue 18): per return series the compounded return, the
 * annualised return, volatility and Sharpe ratio, the maximum drawdown, and risk against a
 * benchmark series. lib/backtest's `performanceTable` (notebook 01), lib/allocation's
 * `strategicPerformanceTable` (notebook 04) and lib/aila's `levelStatistics` (notebook 02) are
 * calls of `performanceTable` / `performanceStatistics` that choose the statistics and their
 * labels.
 *
 * Input. A series is either per-period simple returns r_1..r_n (`input: "returns"`, the default)
 * or an index level L_0..L_n (`input: "level"`, r_t = L_t/L_{t−1} − 1). `units` says whether
 * returns are in percent (r = 1.5 means +1.5 %) or fractions (0.015); every return-like output
 * (total return, CAGR, volatility, drawdown, tracking error) is in the same units, ratios and hit
 * rates are unit-free. `periodsPerYear` P annualises: 12 for monthly, 252 for business-daily data.
 *
 * Wealth path P_0..P_n: P_0 = 1 and P_t = P_{t−1}·(1 + r_t/u) for returns (u = 100 for percent,
 * 1 for fractions: compounding.ts's `wealthPath`), P_t = L_t for a level. With g = P_n/P_0:
 *   total_return           (g − 1)·u
 *   cagr                   (g^(P/n) − 1)·u, years = n/P; −1·u (a total loss) when g ≤ 0
 *   volatility             sd(r)·√P, sd the sample standard deviation (ddof 1)
 *   sharpe                 mean(r)/sd(r)·√P, zero risk-free rate; NaN when sd is numerically 0
 *                          (sharpe-ratio.ts `sharpeRatio`, Sharpe 1994)
 *   max_drawdown           min_t (P_t / max_{s≤t} P_s − 1)·u ≤ 0, the running peak includes P_0
 *   calmar                 cagr / |max_drawdown| (Young 1991); NaN without a drawdown
 *   tracking_error         sd(r − b)·√P against the benchmark's returns b (same periods)
 *   information_ratio      mean(r − b)/sd(r − b)·√P (annualised; NaN for a constant r − b)
 *   hit_rate               share of periods with r_t > 0 (0..1; zero returns count as misses)
 *   hit_rate_vs_benchmark  share of periods with r_t > b_t
 *   final                  P_n: the last level, or the growth of 1 for returns
 * These are the empyrical / quantstats conventions (README "References"). Each statistic is
 * computed by the module named for it — compounding.ts (total return, CAGR), volatility.ts,
 * sharpe-ratio.ts, drawdown.ts (maximum drawdown, Calmar), active-returns.ts (tracking error,
 * information ratio, hit rates) — so each has one implementation, which lib/backtest re-exports.
 * For the benchmark's own row the benchmark-relative statistics are NaN (they do not apply).
 *
 * Alignment: series are aligned by position — the benchmark must cover the same periods in the
 * same order (equal lengths are checked; dates are the caller's). NaN handling: none is accepted —
 * a NaN or ±Infinity return or level is an Error naming the series and row (a gap must be filled
 * or dropped by the caller, not silently skipped); a level must also be positive. At least 2
 * returns (3 levels) are needed for the standard deviation.
 *
 * Floating point: for percent returns the path, CAGR, drawdown and Calmar ratio are bit for bit
 * the per-series functions `growthOfOne`, `cagr`, `maxDrawdown` and `calmarRatio` (the same
 * code; test/statistics/performance.test.ts); for a level, the same operations in the same order
 * as the former hand-written `levelStatistics` of lib/aila/index-report.ts.
 */
import { checkFiniteReturns } from "../validation";
import { exPostTrackingError, hitRate, informationRatio } from "./active-returns";
import { cagrOfGrowth, growthToReturn, type PerformanceUnits, wealthPath } from "./compounding";
import { calmarOf, pathMaxDrawdown } from "./drawdown";
import { sharpeRatio } from "./sharpe-ratio";
import { annualVolatility } from "./volatility";

export type { PerformanceUnits } from "./compounding";

/** Per-period simple returns, or an index level. */
export type PerformanceInput = "returns" | "level";

/** The statistics of the table, in their default order. */
export const PERFORMANCE_STATISTICS = [
  "total_return",
  "cagr",
  "volatility",
  "sharpe",
  "max_drawdown",
  "calmar",
  "tracking_error",
  "information_ratio",
  "hit_rate",
  "hit_rate_vs_benchmark",
  "final",
] as const;

/** One statistic of the table (see the module comment for its formula). */
export type PerformanceStatistic = (typeof PERFORMANCE_STATISTICS)[number];

/** The statistics that need a benchmark. */
const RELATIVE: ReadonlySet<PerformanceStatistic> = new Set([
  "tracking_error",
  "information_ratio",
  "hit_rate_vs_benchmark",
]);

/** The statistics computed when none are chosen: all but the benchmark-relative ones. */
const ABSOLUTE: readonly PerformanceStatistic[] = PERFORMANCE_STATISTICS.filter((s) => !RELATIVE.has(s));

export interface PerformanceOptions {
  /** Periods per year: 12 for monthly returns, 252 for business days. */
  periodsPerYear: number;
  /** Units of the returns and of the return-like statistics. */
  units: PerformanceUnits;
  /** "returns" (default) or "level". */
  input?: PerformanceInput;
}

export interface PerformanceStatisticsOptions<S extends PerformanceStatistic> extends PerformanceOptions {
  /** Statistics to compute, in this order (default: all but the benchmark-relative ones, or all with a benchmark). */
  statistics?: readonly S[];
  /** The benchmark series (same input kind and periods), for the benchmark-relative statistics. */
  benchmark?: ArrayLike<number>;
}

export interface PerformanceTableOptions extends PerformanceOptions {
  /** Statistics (columns) in this order (default: all but the benchmark-relative ones, or all with a benchmark). */
  statistics?: readonly PerformanceStatistic[];
  /** Name of the benchmark series in `series` (its own benchmark-relative statistics are NaN). */
  benchmark?: string;
  /** Output key per statistic (default: the statistic's name), e.g. `{ max_drawdown: "maxDrawdown" }`. */
  labels?: Readonly<Partial<Record<PerformanceStatistic, string>>>;
  /** Key of the series-name column (default "series"). */
  nameColumn?: string;
  /** Function name for error messages (default "performanceTable"). */
  where?: string;
}

/** One row of `performanceTable`: the series name and the chosen statistics under their labels. */
export type PerformanceTableRow = Record<string, string | number>;

/** A series as returns and wealth path (see the module comment). */
interface Path {
  returns: number[];
  path: number[];
  units: PerformanceUnits;
}

function checkOptions(opts: PerformanceOptions, where: string): void {
  const P = opts.periodsPerYear;
  if (!(typeof P === "number" && Number.isFinite(P) && P > 0))
    throw new Error(`${where}: periodsPerYear must be a positive number (12 monthly, 252 daily), got ${String(P)}`);
  if (opts.units !== "percent" && opts.units !== "fraction")
    throw new Error(`${where}: units must be "percent" or "fraction", got ${String(opts.units)}`);
  const input = opts.input ?? "returns";
  if (input !== "returns" && input !== "level")
    throw new Error(`${where}: input must be "returns" or "level", got ${String(input)}`);
}

/** Returns and wealth path of one series; throws on a NaN, an infinite value or a non-positive level. */
function toPath(values: ArrayLike<number>, opts: PerformanceOptions, what: string): Path {
  const units = opts.units;
  if ((opts.input ?? "returns") === "returns") {
    checkFiniteReturns(values, what, 2);
    return { returns: Array.from(values), path: wealthPath(values, units), units };
  }
  if (values.length < 3) throw new Error(`${what}: need at least 3 levels, got ${values.length}`);
  const path = Array.from(values);
  path.forEach((v, t) => {
    if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0))
      throw new Error(`${what}: level at row ${t} is ${String(v)} (levels must be positive and finite)`);
  });
  const returns: number[] = [];
  for (let t = 1; t < path.length; t++) returns.push(growthToReturn(path[t] / path[t - 1], units));
  return { returns, path, units };
}

function compute(s: PerformanceStatistic, x: Path, P: number, bench: Path | undefined): number {
  const n = x.returns.length;
  const g = x.path[n] / x.path[0];
  switch (s) {
    case "total_return":
      return growthToReturn(g, x.units);
    case "cagr":
      return cagrOfGrowth(g, n, P, x.units);
    case "volatility":
      return annualVolatility(x.returns, P);
    case "sharpe":
      return sharpeRatio(x.returns, { periodsPerYear: P });
    case "max_drawdown":
      return pathMaxDrawdown(x.path, x.units);
    case "calmar":
      return calmarOf(compute("cagr", x, P, bench), compute("max_drawdown", x, P, bench));
    case "tracking_error":
      return bench ? exPostTrackingError(x.returns, bench.returns, P) : Number.NaN;
    case "information_ratio":
      return bench ? informationRatio(x.returns, bench.returns, P) : Number.NaN;
    case "hit_rate":
      return hitRate(x.returns);
    case "hit_rate_vs_benchmark":
      return bench ? hitRate(x.returns, bench.returns) : Number.NaN;
    case "final":
      return x.path[n];
  }
}

function checkStatistics(stats: readonly string[], hasBenchmark: boolean, where: string): void {
  for (const s of stats) {
    if (!(PERFORMANCE_STATISTICS as readonly string[]).includes(s))
      throw new Error(`${where}: unknown statistic "${s}" (one of ${PERFORMANCE_STATISTICS.join(", ")})`);
    if (!hasBenchmark && RELATIVE.has(s as PerformanceStatistic))
      throw new Error(`${where}: "${s}" needs a benchmark series`);
  }
}

function checkAligned(x: Path, bench: Path, what: string, benchWhat: string): void {
  if (x.returns.length !== bench.returns.length)
    throw new Error(
      `${what} has ${x.returns.length} periods, ${benchWhat} ${bench.returns.length}: ` +
        "series are aligned by position and must cover the same periods",
    );
}

/**
 * The chosen statistics (default: all that apply) of one series, in the order chosen; see the
 * module comment for the formulas, units and errors.
 */
export function performanceStatistics<S extends PerformanceStatistic = PerformanceStatistic>(
  values: ArrayLike<number>,
  opts: PerformanceStatisticsOptions<S>,
): Record<S, number> {
  const where = "performanceStatistics";
  checkOptions(opts, where);
  const stats = (opts.statistics ?? (opts.benchmark ? PERFORMANCE_STATISTICS : ABSOLUTE)) as readonly S[];
  checkStatistics(stats, opts.benchmark !== undefined, where);
  const x = toPath(values, opts, where);
  const bench = opts.benchmark ? toPath(opts.benchmark, opts, `${where}: benchmark`) : undefined;
  if (bench) checkAligned(x, bench, `${where}: the series`, "the benchmark");
  const out = {} as Record<S, number>;
  for (const s of stats) out[s] = compute(s, x, opts.periodsPerYear, bench);
  return out;
}

/**
 * The performance table: one row per entry of `series` (in its order) with the series name under
 * `nameColumn` and the chosen statistics under their labels. Benchmark-relative statistics are
 * measured against `series[benchmark]` and are NaN in the benchmark's own row.
 */
export function performanceTable(
  series: Readonly<Record<string, ArrayLike<number>>>,
  opts: PerformanceTableOptions,
): PerformanceTableRow[] {
  const where = opts.where ?? "performanceTable";
  checkOptions(opts, where);
  const stats = opts.statistics ?? (opts.benchmark !== undefined ? PERFORMANCE_STATISTICS : ABSOLUTE);
  checkStatistics(stats, opts.benchmark !== undefined, where);
  const nameColumn = opts.nameColumn ?? "series";
  const keys = stats.map((s) => opts.labels?.[s] ?? s);
  const clash = keys.find((k, i) => k === nameColumn || keys.indexOf(k) !== i);
  if (clash !== undefined) throw new Error(`${where}: the column "${clash}" appears twice`);
  let bench: Path | undefined;
  if (opts.benchmark !== undefined) {
    const b = series[opts.benchmark];
    if (!b) throw new Error(`${where}: benchmark series "${opts.benchmark}" is missing`);
    bench = toPath(b, opts, `${where}: series "${opts.benchmark}"`);
  }
  return Object.entries(series).map(([name, values]) => {
    const what = `${where}: series "${name}"`;
    const self = name === opts.benchmark;
    const x = self && bench ? bench : toPath(values, opts, what);
    if (bench && !self) checkAligned(x, bench, what, `the benchmark "${opts.benchmark}"`);
    const row: PerformanceTableRow = { [nameColumn]: name };
    stats.forEach((s, i) => {
      row[keys[i]] = self && RELATIVE.has(s) ? Number.NaN : compute(s, x, opts.periodsPerYear, bench);
    });
    return row;
  });
}
