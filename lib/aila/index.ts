/** Index methodology (AiLA): volatility, N-effective, unconstrained / constrained weights, rebalancing, index level. */

export * from "./aila-index";
export * from "./asset-sharpe";
export * from "./calendars";
export * from "./constrained-weights";
export * from "./correlation-bias";
export * from "./daily-data";
export * from "./figures";
export * from "./index-level";
export * from "./index-report";
export * from "./n-effective";
export * from "./rebalancing";
export * from "./risk-target";
export * from "./unconstrained-weights";
export * from "./volatility";
