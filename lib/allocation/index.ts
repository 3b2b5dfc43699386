/** allocation: active-risk attribution, mean-variance, risk parity, Brinson attribution, costs. */
export * from "./active-risk";
export * from "./brinson";
export * from "./costs";
export * from "./estimates";
export * from "./mean-variance";
export * from "./rebalancing";
export * from "./risk-parity";
export * from "./strategic-index";
export * from "./strategic-inputs";
export * from "./strategic-report";
