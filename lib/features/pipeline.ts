/**
 * The article's data flow from the field table to the labelled model table (In[7]-In[31]) in one
 * call, returning every intermediate table, so the notebook can show each step and the parity
 * test can compare each one against the pandas reference.
 *
 * Order: In[7] field rows per monthly membership -> In[8]-In[9] components -> In[12] z-scores ->
 * In[13] composites -> In[14] factor columns -> In[15] missing values -> In[17] softmax weights
 * -> In[18] factor features -> In[22]-In[26] macro/market blocks aligned by date -> In[27] model
 * table -> In[28] labels with momentum (class counts) -> In[29]-In[30] labels without momentum,
 * encoded -> In[31] feature list.
 *
 * Ragged and partial data — the study window is trimmed to the span common to all series: when a
 * history series of In[22]-In[26] starts after, or ends before, what the feature months need (with
 * the faithful E7 lead, FX, index and commodity series one month past the last feature month; with
 * the corrected E16 release lags, macro values from their first release), the feature months
 * outside the common span are dropped before the model table is built (`marketFeaturesInSpan` in
 * market-features.ts has the exact rule). Then leading months in which any other feature is still
 * missing are dropped too (`trimLeadingMissing`). Everything is reported in `trimmed`: the months,
 * the feature columns without a value in them, and the series that forced a start or end trim (the
 * first and last month end each returned, and the feature months it can supply). A missing
 * feature later in the table stays NaN (the booster's missing-value handling); a gap INSIDE a
 * history series is an error. Why trimming and not NaN: data/README.md, "Ragged and partial data".
 * The factor features (In[18]) are computed on every month of the field table before the trim, so
 * a kept month's factor return may use the weights of a dropped month before it (E8 corrected).
 */
import { monthlyMembership } from "../data/membership";
import { fieldsForMonths } from "../data/requests";
import { type FactorErrata, resolveFactorErrata } from "../errata";
import {
  addComposites,
  type ComponentRow,
  type CompositeRow,
  type FactorRow,
  type FieldRow,
  factorComponents,
  factorWeights,
  fillMissingFactors,
  type NormalizedRow,
  normalizeComponents,
  selectFactors,
  type WeightedRow,
} from "../factors";
import type { SeriesPoint } from "./align";
import { type FactorReturnMonth, factorFeatureDetail } from "./factor-features";
import { type MonthlyFrame, takeRows } from "./frame";
import { featureColumns, type LabelledTable, labelsWithMomentum, labelTable } from "./labels";
import {
  type BlockSpec,
  type CommonSpan,
  marketFeaturesInSpan,
  modelTable,
  type SeriesCoverage,
} from "./market-features";

/** The data-source calls the pipeline needs (a subset of lib/data's DataSource). */
export interface PipelineSource {
  historicalConstituents(indexRic: string, start: string, end: string): { Date: string; RIC: string }[];
  fields(instruments: readonly string[], fields: readonly string[], sdate: string): FieldRow[];
  history(ric: string, field: string, start: string, end: string): SeriesPoint[];
}

export interface PipelineOptions {
  /** index whose constituents form the universe (In[3]; default the article's ".DJI") */
  indexRic?: string;
  /**
   * Study window, ISO dates (In[3]; default the article's 2000-01-01 .. 2024-07-31). Another data
   * set passes its own (data/realistic: 2013-01-01 .. 2023-12-31); the history requests follow it.
   */
  start?: string;
  end?: string;
  /** the In[6] field codes to request (lib/data ARTICLE_FIELDS) */
  fields: readonly string[];
  errata?: Partial<FactorErrata>;
  /** Corrected E15: largest share of a month's portfolio without a one-month return (default 0.2). */
  maxMissingReturnShare?: number;
  /** Keep momentum as a seventh class (and its feature); the article drops it (In[29]). */
  momentumClass?: boolean;
  /**
   * Keep the intermediate tables of In[7]–In[18] (dataset, components, normalized, composites,
   * factors, filled, weights) in the result — default true, the notebook shows them. With false
   * they come back as empty arrays and In[7]–In[17] run one month at a time, so that besides the
   * field data only the In[17] weights of all months exist: the command-line pipeline's setting
   * (bench/pipeline-scale.md has the memory it needs). Every other result is the same either way.
   */
  retainTables?: boolean;
}

/**
 * Months dropped from the model table, and why: the history series whose span forced a start or
 * end trim, and the feature columns without a value in the dropped months.
 */
export interface TrimmedMonths {
  /** every dropped month, ascending */
  months: string[];
  /** feature columns (model-table order) without a value in at least one dropped month */
  columns: string[];
  /** dropped months before the first kept month / after the last kept month */
  leading: string[];
  trailing: string[];
  /** history series that cannot supply the first or the last feature month (start / end trim) */
  series: SeriesCoverage[];
}

export interface PipelineResult {
  errata: FactorErrata;
  membership: { Date: string; RIC: string[] }[];
  dataset: FieldRow[];
  components: ComponentRow[];
  normalized: NormalizedRow[];
  composites: CompositeRow[];
  factors: FactorRow[];
  filled: FactorRow[];
  weights: WeightedRow[];
  featureFrame: MonthlyFrame;
  /** In[18]: per month the formation date, size and missing returns of the factor portfolios. */
  factorReturns: FactorReturnMonth[];
  blocks: { spec: BlockSpec; raw: MonthlyFrame; aligned: MonthlyFrame }[];
  model: MonthlyFrame;
  trimmed: TrimmedMonths;
  withMomentum: ReturnType<typeof labelsWithMomentum>;
  labelled: LabelledTable & { counts: { label: string; count: number }[] };
  features: string[];
}

/** In[7]-In[31] with every intermediate table. */
export function articlePipeline(source: PipelineSource, opts: PipelineOptions): PipelineResult {
  const errata = resolveFactorErrata(opts.errata);
  const start = opts.start ?? "2000-01-01";
  const end = opts.end ?? "2024-07-31";
  // In[3]-In[7]: the monthly membership, then one `fields` call per month end
  const membership = monthlyMembership(source.historicalConstituents(opts.indexRic ?? ".DJI", start, end), end);
  // In[7]–In[17], one table from the one before
  const keep = opts.retainTables ?? true;
  let dataset: FieldRow[] = [];
  let components: ComponentRow[] = [];
  let normalized: NormalizedRow[] = [];
  let composites: CompositeRow[] = [];
  let factors: FactorRow[] = [];
  let filled: FactorRow[] = [];
  let weights: WeightedRow[] = [];
  if (keep) {
    dataset = fieldsForMonths(source, membership, opts.fields);
    components = factorComponents(dataset, errata);
    normalized = normalizeComponents(components);
    composites = addComposites(normalized, errata);
    factors = selectFactors(composites);
    filled = fillMissingFactors(factors);
    weights = factorWeights(filled);
  } else {
    // Without retainTables the whole chain runs one month at a time and only the weights are
    // kept: every step is row by row (components, factor selection, filling) or works within one
    // month's cross-section (z-scores, composites, softmax weights), and fieldsForMonths
    // concatenates the months in order, so the concatenation of the months' weights is the same
    // table. Only one month of each intermediate table exists at a time.
    for (const m of membership) {
      const month = factorWeights(
        fillMissingFactors(
          selectFactors(
            addComposites(
              normalizeComponents(factorComponents(source.fields(m.RIC, opts.fields, m.Date), errata)),
              errata,
            ),
          ),
        ),
      );
      for (const r of month) weights.push(r);
    }
  }
  const { frame: featureFrame, months: factorReturns } = factorFeatureDetail(weights, {
    errata,
    maxMissingReturnShare: opts.maxMissingReturnShare,
  });
  if (!keep) weights = [];
  const { span, blocks } = marketFeaturesInSpan(source, featureFrame.index, start, end, errata);
  const { model, trimmed } = trimModelTable(modelTable(featureFrame, blocks), span);
  const withMomentum = labelsWithMomentum(model);
  const labelled = labelTable(model, { momentumClass: opts.momentumClass });
  return {
    errata,
    membership,
    dataset,
    components,
    normalized,
    composites,
    factors,
    filled,
    weights,
    featureFrame,
    factorReturns,
    blocks,
    model,
    trimmed,
    withMomentum,
    labelled,
    features: featureColumns(labelled.frame),
  };
}

/**
 * The ragged-data trim of the In[27] model table: drop the months outside the span common to all
 * history series (`span` from `marketFeaturesInSpan`), then the leading months in which a feature
 * is still NaN (`trimLeadingMissing`), and report both as one `TrimmedMonths`: months ascending,
 * the feature columns without a value in a dropped month (model-table order), the series that
 * forced the span trim. Throws when no month is left.
 */
export function trimModelTable(model: MonthlyFrame, span: CommonSpan): { model: MonthlyFrame; trimmed: TrimmedMonths } {
  const inSpan = new Set(span.months);
  const rows = model.index.flatMap((d, i) => (inSpan.has(d) ? [i] : []));
  const dropped = model.index.filter((d) => !inSpan.has(d));
  const kept = trimLeadingMissing(takeRows(model, rows));
  const feats = model.columns.map((c, j) => [c, j] as const).filter(([c]) => !c.startsWith("total"));
  const columns = new Set(kept.trimmed.columns);
  const droppedRows = new Set(model.index.flatMap((d, i) => (inSpan.has(d) ? [] : [i])));
  for (const [c, j] of feats) if (model.data[j].some((v, i) => droppedRows.has(i) && Number.isNaN(v))) columns.add(c);
  const first = span.months[0];
  const leading = [...dropped.filter((d) => d < first), ...kept.trimmed.leading];
  const trailing = dropped.filter((d) => d > first);
  return {
    model: kept.model,
    trimmed: {
      months: [...leading, ...trailing],
      columns: model.columns.filter((c) => columns.has(c)),
      leading,
      trailing,
      series: span.series.map((c) => ({ ...c })),
    },
  };
}

/** One line per part of the trim, for a notebook or the command line ([] when nothing was dropped). */
export function describeTrimmed(t: TrimmedMonths): string[] {
  const range = (m: string[]) => (m.length === 1 ? m[0] : `${m[0]}..${m[m.length - 1]}`);
  const out: string[] = [];
  const plural = (n: number) => `${n} month${n === 1 ? "" : "s"}`;
  if (t.leading.length > 0) out.push(`dropped ${plural(t.leading.length)} at the start (${range(t.leading)})`);
  if (t.trailing.length > 0) out.push(`dropped ${plural(t.trailing.length)} at the end (${range(t.trailing)})`);
  for (const c of t.series) {
    const how = [c.lead ? `lead ${c.lead}` : "", c.releaseLag ? `release lag ${c.releaseLag}` : ""].filter(Boolean);
    out.push(
      `  ${c.ric} ${c.field} (${c.cell}) has ${c.first}..${c.last}${how.length ? ` (${how.join(", ")})` : ""}: supplies feature months ${c.from}..${c.to}`,
    );
  }
  if (t.columns.length > 0 && out.length > 0)
    out.push(`  features without a value in the dropped months: ${t.columns.join(", ")}`);
  return out;
}

/**
 * Drops the leading rows of the model table in which any feature column (In[31]: not starting
 * with "total") is NaN; throws when no row is left.
 */
export function trimLeadingMissing(model: MonthlyFrame): { model: MonthlyFrame; trimmed: TrimmedMonths } {
  const feats = model.columns.map((c, j) => [c, j] as const).filter(([c]) => !c.startsWith("total"));
  let first = 0;
  const columns = new Set<string>();
  while (first < model.index.length) {
    const missing = feats.filter(([, j]) => Number.isNaN(model.data[j][first]));
    if (missing.length === 0) break;
    for (const [c] of missing) columns.add(c);
    first++;
  }
  if (first === model.index.length)
    throw new Error(`model table: every month has a missing feature (${[...columns].join(", ")})`);
  if (first === 0) return { model, trimmed: { months: [], columns: [], leading: [], trailing: [], series: [] } };
  const rows = Array.from({ length: model.index.length - first }, (_, i) => first + i);
  const months = model.index.slice(0, first);
  return {
    model: takeRows(model, rows),
    trimmed: {
      months,
      columns: feats.map(([c]) => c).filter((c) => columns.has(c)),
      leading: [...months],
      trailing: [],
      series: [],
    },
  };
}
