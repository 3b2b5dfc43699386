/** Index methodology (AiLA): volatility, N-effective, unconstrained / constrained weights, rebalancing, index level. */
export * from "./constrained-weights";
