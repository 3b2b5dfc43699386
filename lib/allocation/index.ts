/** allocation: active-risk attribution, mean-variance, risk parity, Brinson attribution, costs. */
export * from "./active-risk";
export * from "./brinson";
export * from "./capacity";
export * from "./costs";
export * from "./equal-contribution";
export * from "./estimates";
export * from "./mean-variance";
export * from "./micro-report";
export * from "./overlays";
export * from "./risk-parity";
export * from "./rolling-attribution";
export * from "./strategic-index";
export * from "./strategic-inputs";
export * from "./strategic-report";
export * from "./timing-attribution";
