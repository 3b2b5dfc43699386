/**
 * Macro, FX, index, bond and commodity features (article In[19]-In[27]).
 *
 * - In[22] macro: monthly values of seven US ECI series from 30 days before the start, forward
 *   filled, first row dropped (levels in the series' own units, e.g. percent).
 * - In[23] EUR= BID, In[24] .VIX/.SPX TR.PriceClose, In[26] LCOc1/NGc1/GCc1 TRDPRC_1: monthly
 *   relative changes (fractions) requested from the start date to one month after the end.
 * - In[25] US3MT/US6MT/US10YT B_YLD_1: relative changes of the yields (fractions), from 30 days
 *   before the start.
 * Each block is aligned to the feature months. Faithful (E7) reproduces the article: the FX, index
 * and commodity rows of month t hold the change over month t+1 (their positional alignment, here
 * by date with lead 1); corrected, every block holds the change that ends in month t (requested
 * from 30 days before the start, lead 0). In[27] puts the blocks beside the factor features.
 *
 * Macro release lags (E16): faithful, the macro row of month t holds the value of reference month
 * t, as In[22] does; corrected, it holds the value of reference month t − L for the series' lag L
 * (lib/features/release-lags.ts; overridable per series by the data source), so a value enters
 * only from its release month. The request then starts L months earlier; months before the first
 * released value are NaN (the pipeline trims such leading months, see features/pipeline.ts).
 *
 * Ragged and partial data (`marketFeaturesInSpan`, used by `articlePipeline`): when a series starts
 * after, or ends before, what the feature months need, the feature months outside the span common
 * to ALL series are dropped, and the series that forced it are reported with the first and last
 * month end they returned and the feature months they can supply (`SeriesCoverage`). Feature month
 * t needs, per series (month ends, no gaps):
 * - change blocks (In[23]-In[26]) with lead L (faithful E7: L = 1 for FX, index, commodities) the
 *   points of months t+L−1 and t+L, so a series supplies [first + 1 − L, last − L] — an FX, index
 *   or commodity series must reach one month past the last feature month in faithful mode;
 * - the level block (In[22]) with release lag l (0 faithful, E16 corrected) the point of month
 *   t − l, so it supplies [first + l, last + l], within the block's own rows (the first row of the
 *   forward-filled block is dropped, as In[22]'s [1:], and rows end at the block's last date).
 * Trimming rather than NaN for the booster: a structural gap at the start or end of a series is
 * not a missing observation — the StandardScaler (In[32]) and In[15]'s imputation would see whole
 * stretches of one column missing, and the booster would learn from months that the article's
 * window (the span common to its series) never contains. A gap INSIDE a series stays an error
 * (`assertCompleteSeries`, and the CSV loader).
 */

import { addDays, addMonths } from "../data/dates";
import { type FactorErrata, resolveFactorErrata } from "../errata";
import {
  alignByDate,
  allignDatesByPosition,
  assertCompleteSeries,
  ffill,
  frameFromSeries,
  pctChange,
  type SeriesPoint,
} from "./align";
import { concatColumns, type MonthlyFrame } from "./frame";
import { releaseLagsFor } from "./release-lags";

/** The history call of the data source (lib/data DataSource.history), and its optional lag table. */
export interface HistorySource {
  history(ric: string, field: string, start: string, end: string): SeriesPoint[];
  /** Publication lags (months) per macro RIC that override the defaults (a data folder's release_lags.csv). */
  releaseLags?(): Readonly<Record<string, number>>;
}

export const MACRO_RICS = [
  "USCPI=ECI",
  "USUNR=ECI",
  "USGPCS=ECI",
  "USLEAD=ECI",
  "USCPF=ECI",
  "USGDPF=ECI",
  "USFOUT=ECI",
];
export const INDEX_RICS = [".VIX", ".SPX"];
export const FX_RICS = ["EUR="];
export const BOND_RICS = ["US3MT=RR", "US6MT=RR", "US10YT=RR"];
export const COMMODITY_RICS = ["LCOc1", "NGc1", "GCc1"];

/** One block request: what the article asks the data source for. */
export interface BlockSpec {
  cell: string;
  rics: string[];
  field: string;
  start: string;
  end: string;
  /** `pct_change().dropna()` (true) or `ffill()[1:]` levels (false, macro) */
  changes: boolean;
  /** how many months after the feature month the article's row really is (faithful) */
  faithfulLead: number;
  /** column name when a single RIC is requested with a field (In[23] prints "BID") */
  columnNames?: string[];
  /** E16 corrected: publication lag in months per RIC (levels only); absent = no lag */
  releaseLags?: number[];
}

/** The five requests of In[22]-In[26] for a study window (the article: 2000-01-01 .. 2024-07-31). */
export function articleBlocks(
  start: string,
  end: string,
  errata: Partial<FactorErrata> = {},
  lagOverrides: Readonly<Record<string, number>> = {},
): BlockSpec[] {
  const e = resolveFactorErrata(errata);
  const before = addDays(start, -30);
  // E16: macro values enter from their release month; request far enough back for the longest lag.
  const lagTable = e.macroAtReferenceMonth ? undefined : releaseLagsFor(MACRO_RICS, lagOverrides);
  const macroLags = lagTable ? MACRO_RICS.map((r) => lagTable[r]) : undefined;
  // (one month more than the longest lag: blockFromSeries drops the first row of a level block)
  const macroStart = macroLags ? addMonths(before, -Math.max(...macroLags) - 1) : before;
  const afterEnd = addMonths(end, 1);
  const lead = e.marketChangesLeadOneMonth;
  // E7: the FX, index and commodity requests start a month later in the article, so their changes
  // lead the row by one month; corrected, they use the same window as the macro and bond series.
  const ledWindow = { start: lead ? start : before, end: lead ? afterEnd : end, faithfulLead: lead ? 1 : 0 };
  return [
    {
      cell: "In[22]",
      rics: MACRO_RICS,
      field: "VALUE",
      start: macroStart,
      end,
      changes: false,
      faithfulLead: 0,
      ...(macroLags ? { releaseLags: macroLags } : {}),
    },
    {
      cell: "In[23]",
      rics: FX_RICS,
      field: "BID",
      ...ledWindow,
      changes: true,
      columnNames: ["BID"],
    },
    {
      cell: "In[24]",
      rics: INDEX_RICS,
      field: "TR.PriceClose",
      ...ledWindow,
      changes: true,
    },
    { cell: "In[25]", rics: BOND_RICS, field: "B_YLD_1", start: before, end, changes: true, faithfulLead: 0 },
    {
      cell: "In[26]",
      rics: COMMODITY_RICS,
      field: "TRDPRC_1",
      ...ledWindow,
      changes: true,
    },
  ];
}

/** The points one history call of a block returned (`column`: its name in the block's frame). */
export interface FetchedSeries {
  ric: string;
  column: string;
  points: SeriesPoint[];
}

/** One `history` call per RIC of the block, in the spec's order (spec.start .. spec.end). */
export function fetchSeries(source: HistorySource, spec: BlockSpec): FetchedSeries[] {
  return spec.rics.map((ric, k) => ({
    ric,
    column: spec.columnNames?.[k] ?? ric,
    points: source.history(ric, spec.field, spec.start, spec.end),
  }));
}

/** The raw (unaligned) block from fetched series: levels ffilled minus first row (macro) or changes. */
export function blockFromSeries(spec: BlockSpec, fetched: readonly FetchedSeries[]): MonthlyFrame {
  const series: Record<string, readonly SeriesPoint[]> = {};
  for (const s of fetched) series[s.column] = s.points;
  const f = frameFromSeries(series);
  if (spec.changes) return pctChange(f);
  const filled = lagged(ffill(f), spec.releaseLags);
  return { ...filled, index: filled.index.slice(1), data: filled.data.map((c) => c.slice(1)) };
}

/** The raw (unaligned) block: levels ffilled minus first row (macro) or changes (others). */
export function fetchBlock(source: HistorySource, spec: BlockSpec): MonthlyFrame {
  return blockFromSeries(spec, fetchSeries(source, spec));
}

/** What one history series returned, and which feature months it can supply. */
export interface SeriesCoverage {
  /** article cell of the block (In[22]..In[26]) */
  cell: string;
  ric: string;
  field: string;
  /** its column in the block and the model table (the RIC; In[23]: "BID") */
  column: string;
  /** first and last month end the request (spec.start .. spec.end) returned */
  first: string;
  last: string;
  /** first and last feature month the series can supply (lead / release lag applied, see the module comment) */
  from: string;
  to: string;
  /** feature months after the series' row (faithful E7 lead: 1 for FX, index, commodities) */
  lead: number;
  /** E16 corrected: publication lag in months (level block only; 0 otherwise) */
  releaseLag: number;
}

/**
 * Coverage of each series of one block (see the module comment for the rule). Throws on a series
 * without any point in the request window, and on a gap or missing value inside a series.
 */
export function seriesCoverage(spec: BlockSpec, fetched: readonly FetchedSeries[]): SeriesCoverage[] {
  for (const s of fetched) {
    if (s.points.length === 0)
      throw new Error(
        `${spec.cell}: series ${s.ric} ${spec.field} has no value between ${spec.start} and ${spec.end} (the request of the study window)`,
      );
    assertCompleteSeries(`${s.ric} ${spec.field} (${spec.cell})`, s.points);
  }
  const firsts = fetched.map((s) => s.points[0].Date).sort();
  const lasts = fetched.map((s) => s.points[s.points.length - 1].Date).sort();
  const blockFirstRow = addMonths(firsts[0], 1); // In[22]'s [1:] drops the block's first row
  const blockLastRow = lasts[lasts.length - 1];
  return fetched.map((s, k) => {
    const first = s.points[0].Date;
    const last = s.points[s.points.length - 1].Date;
    const lead = spec.changes ? spec.faithfulLead : 0;
    const lag = spec.changes ? 0 : (spec.releaseLags?.[k] ?? 0);
    let from: string;
    let to: string;
    if (spec.changes) {
      from = addMonths(first, 1 - lead);
      to = addMonths(last, -lead);
    } else {
      const a = addMonths(first, lag);
      const b = addMonths(last, lag);
      from = a > blockFirstRow ? a : blockFirstRow;
      to = b < blockLastRow ? b : blockLastRow;
    }
    return {
      cell: spec.cell,
      ric: s.ric,
      field: spec.field,
      column: s.column,
      first,
      last,
      from,
      to,
      lead,
      releaseLag: lag,
    };
  });
}

/** The feature months every series covers, and the series that forced a trim at either end. */
export interface CommonSpan {
  /** feature months inside the common span, ascending */
  months: string[];
  /** feature months before / after the common span (dropped) */
  leading: string[];
  trailing: string[];
  /** series that cannot supply the first (`from` later) or the last (`to` earlier) feature month */
  series: SeriesCoverage[];
  /** every series, in block order */
  coverage: SeriesCoverage[];
}

/**
 * The span of `featureDates` (ascending month ends) that every series in `coverage` can supply.
 * Throws naming the series when no feature month is left.
 */
export function commonSpan(featureDates: readonly string[], coverage: readonly SeriesCoverage[]): CommonSpan {
  if (featureDates.length === 0) throw new Error("commonSpan: no feature months");
  const firstMonth = featureDates[0];
  const lastMonth = featureDates[featureDates.length - 1];
  let from = firstMonth;
  let to = lastMonth;
  for (const c of coverage) {
    if (c.from > from) from = c.from;
    if (c.to < to) to = c.to;
  }
  const series = coverage.filter((c) => c.from > firstMonth || c.to < lastMonth);
  const months = featureDates.filter((d) => d >= from && d <= to);
  if (months.length === 0)
    throw new Error(
      `history: no feature month between ${firstMonth} and ${lastMonth} is covered by every series (${series
        .map((c) => `${c.ric} ${c.field} ${c.cell} supplies ${c.from}..${c.to}`)
        .join("; ")})`,
    );
  return {
    months,
    leading: featureDates.filter((d) => d < from),
    trailing: featureDates.filter((d) => d > to),
    series,
    coverage: [...coverage],
  };
}

/**
 * E16: column j of the result at month t = column j of `frame` at month t − lags[j] (NaN when that
 * month is not in the frame). The index is unchanged; no lags = the frame itself.
 */
export function lagged(frame: MonthlyFrame, lags?: readonly number[]): MonthlyFrame {
  if (!lags) return frame;
  if (lags.length !== frame.columns.length)
    throw new Error(`lagged: ${lags.length} lags for ${frame.columns.length} columns`);
  const pos = new Map(frame.index.map((d, i) => [d, i]));
  return {
    ...frame,
    data: frame.data.map((col, j) =>
      frame.index.map((d) => {
        const i = pos.get(addMonths(d, -lags[j]));
        return i === undefined ? Number.NaN : col[i];
      }),
    ),
  };
}

/**
 * Align one block to the feature months: `by: "position"` is the article's `allign_dates`,
 * `by: "date"` looks each month up (lead = the spec's faithful lead).
 */
export function alignBlock(
  block: MonthlyFrame,
  spec: BlockSpec,
  dates: readonly string[],
  by: "date" | "position" = "date",
): MonthlyFrame {
  return by === "position" ? allignDatesByPosition(block, dates) : alignByDate(block, dates, spec.faithfulLead);
}

/** One block of In[22]-In[26]: the request, the raw block and the block aligned to the feature months. */
export interface MarketBlock {
  spec: BlockSpec;
  raw: MonthlyFrame;
  aligned: MonthlyFrame;
}

/**
 * In[22]-In[26]: all five blocks aligned by date to ALL the feature months. A series that does not
 * cover them is an error naming the series and the months it can supply (`marketFeaturesInSpan`
 * trims the months instead).
 */
export function marketFeatures(
  source: HistorySource,
  featureDates: readonly string[],
  start: string,
  end: string,
  errata: Partial<FactorErrata> = {},
): MarketBlock[] {
  return articleBlocks(start, end, errata, source.releaseLags?.() ?? {}).map((spec) => {
    const fetched = fetchSeries(source, spec);
    const raw = blockFromSeries(spec, fetched);
    try {
      return { spec, raw, aligned: alignBlock(raw, spec, featureDates) };
    } catch (e) {
      const short = featureDates.length
        ? seriesCoverage(spec, fetched).filter(
            (c) => c.from > featureDates[0] || c.to < featureDates[featureDates.length - 1],
          )
        : [];
      if (short.length === 0) throw e;
      const why = short.map((c) => `${c.ric} has ${c.first}..${c.last}, supplies feature months ${c.from}..${c.to}`);
      throw new Error(
        `${(e as Error).message}: ${why.join("; ")}; articlePipeline / marketFeaturesInSpan trim the study window to the span common to all series`,
      );
    }
  });
}

/**
 * In[22]-In[26] under the ragged-data policy (module comment): every series is fetched once and
 * checked (no gap inside), and `span` says which feature months every series can supply, which
 * months fall outside, and which series forced it. The blocks are aligned to ALL `featureDates`
 * like `marketFeatures`, with NaN where a series cannot supply a month (so a forward-filled level
 * or a zero change after a series' last point never looks like data); inside the span a missing
 * block row is still an error. `trimModelTable` then drops the months outside the span.
 */
export function marketFeaturesInSpan(
  source: HistorySource,
  featureDates: readonly string[],
  start: string,
  end: string,
  errata: Partial<FactorErrata> = {},
): { span: CommonSpan; blocks: MarketBlock[] } {
  const fetched = articleBlocks(start, end, errata, source.releaseLags?.() ?? {}).map((spec) => {
    const series = fetchSeries(source, spec);
    return { spec, series, coverage: seriesCoverage(spec, series) };
  });
  const span = commonSpan(
    featureDates,
    fetched.flatMap((f) => f.coverage),
  );
  const blocks = fetched.map(({ spec, series, coverage }) => {
    const raw = blockFromSeries(spec, series);
    alignBlock(raw, spec, span.months); // throws on a missing row inside the span
    const all = alignByDate(raw, featureDates, spec.faithfulLead, "nan");
    const data = all.data.map((col, j) => {
      const c = coverage.find((x) => x.column === all.columns[j]);
      if (!c) throw new Error(`${spec.cell}: no coverage for column ${all.columns[j]}`);
      return col.map((v, i) => (featureDates[i] < c.from || featureDates[i] > c.to ? Number.NaN : v));
    });
    return { spec, raw, aligned: { ...all, data } };
  });
  return { span, blocks };
}

/** In[27]: factor features, macro, indices, FX, bonds, commodities side by side (article's order). */
export function modelTable(featureFrame: MonthlyFrame, blocks: readonly { spec: BlockSpec; aligned: MonthlyFrame }[]) {
  const byCell = new Map(blocks.map((b) => [b.spec.cell, b.aligned]));
  const order = ["In[22]", "In[24]", "In[23]", "In[25]", "In[26]"];
  const frames = [featureFrame, ...order.map((c) => byCell.get(c) as MonthlyFrame)];
  return { ...concatColumns(frames), indexName: undefined };
}

/**
 * Whether the article's positional relabelling (`allign_dates`, In[21]) gives the same block as
 * the alignment by date, as a short text for the notebook: "true", "false", or why it cannot be
 * compared (the block has another number of rows than the feature table, e.g. a ragged series —
 * where the article's code would fail).
 */
export function positionalAlignmentCheck(block: MarketBlock, featureDates: readonly string[]): string {
  if (block.raw.index.length !== featureDates.length)
    return `not comparable (${block.raw.index.length} rows of changes for ${featureDates.length} feature months)`;
  const byPosition = alignBlock(block.raw, block.spec, featureDates, "position");
  return String(JSON.stringify(byPosition.data) === JSON.stringify(block.aligned.data));
}
