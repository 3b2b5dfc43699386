/** factors: In[8]-In[17] — components, normalisation, composites, missing values, softmax weights, errata. */
export * from "./components";
export * from "./composites";
export * from "./errata";
export * from "./normalize";
export * from "./softmax-weights";
export * from "./types";
