/**
 * backtest: strategy returns from the model's predictions (article In[40]–In[43]), the base index
 * joined by date (In[44]), cumulative returns and Sharpe ratios (In[45]–In[47]), the performance
 * table beyond the article and the figures (In[48], drawdowns).
 */

export {
  BACKTEST_CORRECTED as CORRECTED,
  BACKTEST_ERRATA_TABLE as ERRATA_TABLE,
  BACKTEST_FAITHFUL as FAITHFUL,
  type BacktestErrata,
  resolveBacktestErrata as resolveErrata,
} from "../errata";
export * from "./base-index";
export * from "./cumulative";
export * from "./drawdown";
export * from "./figures";
export * from "./months";
export * from "./performance-table";
export * from "./report";
export * from "./risk-metrics";
export * from "./sharpe";
export * from "./strategy-returns";
export * from "./summary";
export * from "./turnover";
