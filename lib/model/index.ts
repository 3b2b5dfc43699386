/** model: gradient-boosted classifier (two engines), preprocessing, RFE, expanding-window training, metrics. */
export * from "./booster-exact";
export * from "./booster-json";
export * from "./classifier";
export * from "./expanding-window";
export * from "./input";
export * from "./label-encoder";
export * from "./metrics";
export * from "./ml-xgboost-engine";
export * from "./rfe";
export * from "./sample-weights";
export * from "./standard-scaler";
export * from "./temporal-split";
