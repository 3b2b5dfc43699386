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
import { factorFeatures } from "./factor-features";
import type { MonthlyFrame } from "./frame";
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
  blocks: { spec: BlockSpec; raw: MonthlyFrame; aligned: MonthlyFrame }[];
  model: MonthlyFrame;
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
  const featureFrame = factorFeatures(weights);
  const blocks = marketFeatures(source, featureFrame.index, start, end, errata);
  const model = modelTable(featureFrame, blocks);
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
    blocks,
    model,
    withMomentum,
    labelled,
    features: featureColumns(labelled.frame),
  };
}
