/** factors: In[8]-In[17] — components, normalisation, composites, missing values, softmax weights, errata. */

export {
  FACTOR_CORRECTED as CORRECTED,
  FACTOR_ERRATA_TABLE as ERRATA_TABLE,
  FACTOR_FAITHFUL as FAITHFUL,
  type FactorErrata,
  resolveFactorErrata as resolveErrata,
} from "../errata";
export * from "./components";
export * from "./composites";
export * from "./normalize";
export * from "./softmax-weights";
export * from "./types";
