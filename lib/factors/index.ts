/** factors: In[8]-In[17] — components, normalisation, composites, missing values, softmax weights, errata. */

export {
  FACTOR_CORRECTED as CORRECTED,
  FACTOR_ERRATA_TABLE as ERRATA_TABLE,
  FACTOR_FAITHFUL as FAITHFUL,
  type FactorErrata,
  resolveFactorErrata as resolveErrata,
} from "../errata";
// components: Factor components (article In[8]-In[9]) following the FTSE Global Factor Index Series ground
export {
  accruals,
  COL,
  COMPONENT_COLUMNS,
  type ComponentColumn,
  type ComponentRow,
  type ComputedComponents,
  type DerivedRow,
  derivedColumns,
  factorComponents,
  field,
  finDelta,
  in8Table,
  leverage,
  momentum,
  ncoDelta,
  size,
  toNumber,
  wkDelta,
} from "./components";
// composites: Composite factors, final factor columns and missing-value rule (article In[12]-In[15]).
export {
  addComposites,
  type CompositeRow,
  compositeScores,
  FACTOR_COLUMNS,
  type FactorColumn,
  type FactorRow,
  factorTable,
  fillMissingFactors,
  NORMALIZED_COMPONENTS,
  type NormalizedComponent,
  type NormalizedRow,
  nanMean,
  normalizeComponents,
  selectFactors,
} from "./composites";
// normalize: FTSE-style cross-sectional normalisation (article In[10]-In[12]).
export { type ClipOptions, clippedZScores, groupByDate, normalizeFactors, standardize } from "./normalize";
// softmax-weights: Softmax factor weights (article In[16]-In[17]).
export { factorWeights, softmax, WEIGHT_COLUMNS, type WeightedRow, weightColumn } from "./softmax-weights";
// types: Input record of the factor engine: one row of the article's In[7] table. Structurally the same
export { type FieldRow, withColumns } from "./types";
