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
 */
import { type FactorErrata, resolveErrata } from "../factors";
import { alignByDate, allignDatesByPosition, ffill, frameFromSeries, pctChange, type SeriesPoint } from "./align";
import { addMonthEnd, concatColumns, type MonthlyFrame } from "./frame";
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

/** ISO date minus `days` (the article's `pd.to_datetime(start) - timedelta(days=30)`). */
export function minusDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`minusDays: not an ISO date: "${iso}"`);
  return new Date(t - days * 86400000).toISOString().slice(0, 10);
}

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
  const e = resolveErrata(errata);
  const before = minusDays(start, 30);
  // E16: macro values enter from their release month; request far enough back for the longest lag.
  const lagTable = e.macroAtReferenceMonth ? undefined : releaseLagsFor(MACRO_RICS, lagOverrides);
  const macroLags = lagTable ? MACRO_RICS.map((r) => lagTable[r]) : undefined;
  // (one month more than the longest lag: fetchBlock drops the first row of a level block)
  const macroStart = macroLags ? addMonthEnd(before, -Math.max(...macroLags) - 1) : before;
  const afterEnd = nextMonthEnd(end);
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

function nextMonthEnd(iso: string): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0));
  return last.toISOString().slice(0, 10);
}

/** The raw (unaligned) block: levels ffilled minus first row (macro) or changes (others). */
export function fetchBlock(source: HistorySource, spec: BlockSpec): MonthlyFrame {
  const series: Record<string, SeriesPoint[]> = {};
  spec.rics.forEach((ric, k) => {
    series[spec.columnNames?.[k] ?? ric] = source.history(ric, spec.field, spec.start, spec.end);
  });
  const f = frameFromSeries(series);
  if (spec.changes) return pctChange(f);
  const filled = lagged(ffill(f), spec.releaseLags);
  return { ...filled, index: filled.index.slice(1), data: filled.data.map((c) => c.slice(1)) };
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
        const i = pos.get(addMonthEnd(d, -lags[j]));
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

/** In[22]-In[26]: all five blocks aligned by date to the feature months. */
export function marketFeatures(
  source: HistorySource,
  featureDates: readonly string[],
  start: string,
  end: string,
  errata: Partial<FactorErrata> = {},
): { spec: BlockSpec; raw: MonthlyFrame; aligned: MonthlyFrame }[] {
  return articleBlocks(start, end, errata, source.releaseLags?.() ?? {}).map((spec) => {
    const raw = fetchBlock(source, spec);
    return { spec, raw, aligned: alignBlock(raw, spec, featureDates) };
  });
}

/** In[27]: factor features, macro, indices, FX, bonds, commodities side by side (article's order). */
export function modelTable(featureFrame: MonthlyFrame, blocks: readonly { spec: BlockSpec; aligned: MonthlyFrame }[]) {
  const byCell = new Map(blocks.map((b) => [b.spec.cell, b.aligned]));
  const order = ["In[22]", "In[24]", "In[23]", "In[25]", "In[26]"];
  const frames = [featureFrame, ...order.map((c) => byCell.get(c) as MonthlyFrame)];
  return { ...concatColumns(frames), indexName: undefined };
}
