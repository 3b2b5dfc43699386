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
 * Leading months in which a feature is still missing (corrected mode: macro values before their
 * first release, erratum E16) are dropped from the model table before the labels, and reported in
 * `trimmed` with the columns that forced it; a missing feature later in the table stays NaN (the
 * booster's missing-value handling).
 */
import { monthlyMembership } from "../data/membership";
import {
  type ComponentRow,
  type CompositeRow,
  type FactorErrata,
  type FactorRow,
  type FieldRow,
  factorComponents,
  factorTable,
  factorWeights,
  type NormalizedRow,
  resolveErrata,
  type WeightedRow,
} from "../factors";
import type { SeriesPoint } from "./align";
import { type FactorReturnMonth, factorFeatureDetail } from "./factor-features";
import { type MonthlyFrame, takeRows } from "./frame";
import { featureColumns, type LabelledTable, labelsWithMomentum, labelTable } from "./labels";
import { type BlockSpec, marketFeatures, modelTable } from "./market-features";

/** The data-source calls the pipeline needs (a subset of lib/data's DataSource). */
export interface PipelineSource {
  historicalConstituents(indexRic: string, start: string, end: string): { Date: string; RIC: string }[];
  fields(instruments: readonly string[], fields: readonly string[], sdate: string): FieldRow[];
  history(ric: string, field: string, start: string, end: string): SeriesPoint[];
}

export interface PipelineOptions {
  indexRic?: string;
  start?: string;
  end?: string;
  /** the In[6] field codes to request (lib/data ARTICLE_FIELDS) */
  fields: readonly string[];
  errata?: Partial<FactorErrata>;
  /** Corrected E15: largest share of a month's portfolio without a one-month return (default 0.2). */
  maxMissingReturnShare?: number;
}

/** Leading months dropped because a feature had no value yet, and the columns that forced it. */
export interface TrimmedMonths {
  months: string[];
  columns: string[];
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

/** In[3]-In[7]: the field table, one `fields` call per month end of the membership. */
export function fieldDataset(
  source: PipelineSource,
  fields: readonly string[],
  indexRic = ".DJI",
  start = "2000-01-01",
  end = "2024-07-31",
): { membership: { Date: string; RIC: string[] }[]; dataset: FieldRow[] } {
  const membership = monthlyMembership(source.historicalConstituents(indexRic, start, end), end);
  const dataset = membership.flatMap((m) => source.fields(m.RIC, fields, m.Date));
  return { membership, dataset };
}

/** In[7]-In[31] with every intermediate table. */
export function articlePipeline(source: PipelineSource, opts: PipelineOptions): PipelineResult {
  const errata = resolveErrata(opts.errata);
  const start = opts.start ?? "2000-01-01";
  const end = opts.end ?? "2024-07-31";
  const { membership, dataset } = fieldDataset(source, opts.fields, opts.indexRic ?? ".DJI", start, end);
  const components = factorComponents(dataset, errata);
  const { normalized, composites, factors, filled } = factorTable(components, errata);
  const weights = factorWeights(filled);
  const { frame: featureFrame, months: factorReturns } = factorFeatureDetail(weights, {
    errata,
    maxMissingReturnShare: opts.maxMissingReturnShare,
  });
  const blocks = marketFeatures(source, featureFrame.index, start, end, errata);
  const { model, trimmed } = trimLeadingMissing(modelTable(featureFrame, blocks));
  const withMomentum = labelsWithMomentum(model);
  const labelled = labelTable(model);
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
  if (first === 0) return { model, trimmed: { months: [], columns: [] } };
  const rows = Array.from({ length: model.index.length - first }, (_, i) => first + i);
  return {
    model: takeRows(model, rows),
    trimmed: { months: model.index.slice(0, first), columns: feats.map(([c]) => c).filter((c) => columns.has(c)) },
  };
}
