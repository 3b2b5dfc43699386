/** Periods per year P of the annualisation (√P for a volatility or a Sharpe ratio, P/n years in a CAGR). */

/** Periods per year of monthly returns: the default of the performance measures. */
export const MONTHLY_PERIODS = 12;
