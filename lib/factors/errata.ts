/**
 * The article's deviations (errata) in cells In[1]..In[31], as named switches.
 *
 * Every pipeline function of `lib/factors` and `lib/features` takes an optional `errata` object.
 * The default, {@link FAITHFUL}, reproduces the article exactly (so its printed tables can be
 * compared); {@link CORRECTED} applies every correction. Each switch is `true` when the article's
 * behaviour is kept. {@link ERRATA_TABLE} lists them with the cell, what goes wrong and the effect.
 */

/** One boolean per erratum: `true` = keep the article's (faithful) behaviour. */
export interface FactorErrata {
  /** E1 In[8]: `wk_delta = WKGCAP(FY0) = WKGCAP(FY-1)` (chained assignment instead of a difference). */
  wkDeltaChainedAssignment: boolean;
  /** E2 In[8]: average total assets computed as (FY0 + FY0) / 2 instead of (FY0 + FY-1) / 2. */
  averageTaFy0Twice: boolean;
  /** E3 In[13]: Financials' quality is the raw ROA (percent) instead of the ROA z-score. */
  financialsQualityRawRoa: boolean;
  /** E4 In[8]: size = +ln(market cap); the FTSE ground rules score size as -ln(market cap). */
  sizePositiveLog: boolean;
  /** E5 In[8]: momentum = trailing 52-week return, without skipping the most recent month. */
  momentumIncludesLastMonth: boolean;
  /** E6 In[13]: multi-component composites are plain means of z-scores, not re-normalised. */
  compositesNotRenormalised: boolean;
  /**
   * E7 In[23], In[24], In[26]: FX, index and commodity histories start at 2000-01-01, so after
   * `pct_change().dropna()` the positional `allign_dates` puts month t+1's change on row t
   * (a one-month look-ahead into the month the label predicts).
   */
  marketChangesLeadOneMonth: boolean;
  /**
   * E8 In[18], In[28]: the factor return of month t weights month t's trailing returns with the
   * weights computed at t (from data that already contain month t's return). Corrected: the
   * portfolio formed at t−1 earns the returns of month t (lib/features/factor-features.ts).
   */
  factorReturnsSameMonthWeights: boolean;
  /**
   * E14 In[7], In[18]: month t's factor return accrues to the members at the END of month t (a
   * stock that joins during t earns the whole month; a leaver's last month vanishes). Corrected:
   * to the members at the decision date t−1.
   */
  returnsToReturnMonthMembers: boolean;
  /**
   * E15 In[18]: a missing one-month return adds 0 to the factor return (pandas' groupby-sum skips
   * NaN) with the weights not renormalised. Corrected: left out, weights renormalised over the
   * stocks that have a return, counted per month; past `maxMissingReturnShare` it is an error.
   */
  missingReturnsAsZero: boolean;
  /**
   * E16 In[22]: macro values are dated by their reference period (quarterly GDP on the quarter's
   * own months), which the market learns weeks to months later. Corrected: a value is visible only
   * from its release month (lib/features/release-lags.ts).
   */
  macroAtReferenceMonth: boolean;
}

/** The article as printed. */
export const FAITHFUL: Readonly<FactorErrata> = Object.freeze({
  wkDeltaChainedAssignment: true,
  averageTaFy0Twice: true,
  financialsQualityRawRoa: true,
  sizePositiveLog: true,
  momentumIncludesLastMonth: true,
  compositesNotRenormalised: true,
  marketChangesLeadOneMonth: true,
  factorReturnsSameMonthWeights: true,
  returnsToReturnMonthMembers: true,
  missingReturnsAsZero: true,
  macroAtReferenceMonth: true,
});

/** Every correction applied. */
export const CORRECTED: Readonly<FactorErrata> = Object.freeze({
  wkDeltaChainedAssignment: false,
  averageTaFy0Twice: false,
  financialsQualityRawRoa: false,
  sizePositiveLog: false,
  momentumIncludesLastMonth: false,
  compositesNotRenormalised: false,
  marketChangesLeadOneMonth: false,
  factorReturnsSameMonthWeights: false,
  returnsToReturnMonthMembers: false,
  missingReturnsAsZero: false,
  macroAtReferenceMonth: false,
});

/** Fill a partial switch object with the faithful defaults; rejects unknown keys. */
export function resolveErrata(errata: Partial<FactorErrata> = {}): FactorErrata {
  for (const k of Object.keys(errata)) {
    if (!(k in FAITHFUL)) throw new Error(`errata: unknown switch "${k}" (known: ${Object.keys(FAITHFUL).join(", ")})`);
  }
  return { ...FAITHFUL, ...errata };
}

/** One line of the errata table shown in the notebook and the README. */
export interface ErratumInfo {
  id: string;
  cell: string;
  switch: keyof FactorErrata | "";
  what: string;
  effect: string;
}

/** All deviations found in In[1]..In[31] (the ones without a switch are documented only). */
export const ERRATA_TABLE: readonly ErratumInfo[] = Object.freeze([
  {
    id: "E1",
    cell: "In[8]",
    switch: "wkDeltaChainedAssignment",
    what: "wk_delta is written as a chained assignment (= instead of -)",
    effect: "FY0 working capital is overwritten by FY-1 and wk_delta equals FY-1 working capital, not the change",
  },
  {
    id: "E2",
    cell: "In[8]",
    switch: "averageTaFy0Twice",
    what: "average_ta = (TotAssets FY0 + TotAssets FY0) / 2",
    effect: "accruals are scaled by FY0 total assets instead of the FY0/FY-1 average",
  },
  {
    id: "E3",
    cell: "In[13]",
    switch: "financialsQualityRawRoa",
    what: "Financials' quality takes the raw ROA column instead of roa_normalized",
    effect:
      "a percent figure (e.g. 1.797 for AXP) enters a z-score column; it can exceed 3 and dominates quality weights",
  },
  {
    id: "E4",
    cell: "In[8]",
    switch: "sizePositiveLog",
    what: "size = +ln(market cap); the FTSE ground rules use -ln(full market cap)",
    effect: "the size factor tilts to large caps instead of small caps",
  },
  {
    id: "E5",
    cell: "In[8]",
    switch: "momentumIncludesLastMonth",
    what: "momentum is the plain 52-week total return; the ground rules skip the most recent month",
    effect: "short-term reversal leaks into momentum; corrected: (1 + R52w) / (1 + R1m) - 1 (percent)",
  },
  {
    id: "E6",
    cell: "In[13]",
    switch: "compositesNotRenormalised",
    what: "profitability, quality and value are means of z-scores without re-normalisation",
    effect:
      "composite scores have a standard deviation below 1, so their softmax weights are flatter than single-component factors'",
  },
  {
    id: "E7",
    cell: "In[23], In[24], In[26]",
    switch: "marketChangesLeadOneMonth",
    what: "EUR=, .VIX/.SPX and commodity histories start at 2000-01-01 and are aligned by position",
    effect:
      "row t holds the change over month t+1, the month the label predicts (look-ahead); bonds (In[25]) are aligned correctly, macro values (In[22]) by their reference month (E16). Measured with every other correction on: accuracy 0.318 with the leak vs 0.439 without, predicted-factor Sharpe (√12) 0.90 vs 1.40",
  },
  {
    id: "E8",
    cell: "In[18], In[28]",
    switch: "factorReturnsSameMonthWeights",
    what: "factor returns pair month-t weights with the return of the month ending at t (TR.TotalReturn1Mo is trailing)",
    effect:
      "the weights of month t already contain month t's return (momentum, market cap), so the factor returns are not investable and the label is not the best factor after the decision. Measured on the sample with every other correction on: the best-of-6 label differs in 60 months, and momentum is the best of the seven factors in 77 months against 58 with investable weights (148 in the faithful run, the article's reason for dropping the momentum class); predicted-factor strategy 151.42 % compounded, Sharpe (√12) 1.01 with the leak vs 274.31 %, 1.40 without",
  },
  {
    id: "E9",
    cell: "In[8]",
    switch: "",
    what: "requested fields PrefStockLiabPortLT, CashSTInvst, InvstLT and CustAdvTot are never used; fin_delta uses InvstTot - DebtTot",
    effect: "preferred stock is left out of the financial-asset change; documented only",
  },
  {
    id: "E10",
    cell: "In[28]",
    switch: "",
    what: "the class-count loop prints 'nan 0' for the last month",
    effect: "pandas compares NaN == NaN as false, so the month without a next month is listed with count 0; cosmetic",
  },
  {
    id: "E11",
    cell: "text after In[31]",
    switch: "",
    what: "the text speaks of 32 features; In[31] prints 22",
    effect: "documentation only",
  },
  {
    id: "E12",
    cell: "In[44]",
    switch: "",
    what: "the benchmark .DJI is a price index while factor returns are total returns",
    effect: "dividends favour the strategies (about 2% a year); outside In[1]..In[31], listed for completeness",
  },
  {
    id: "E13",
    cell: "In[10]",
    switch: "",
    what: "the clip / re-standardise loop has no iteration bound",
    effect:
      "it never ends when one value stands above n - 1 equal others (z = sqrt(n - 1) > 3 after every pass); guarded here by maxIterations, then a final clip",
  },
  {
    id: "E14",
    cell: "In[7], In[18]",
    switch: "returnsToReturnMonthMembers",
    what: "month t's factor return accrues to the members at the end of month t (the field table of month t)",
    effect:
      "the stocks held after the decision at t−1 depend on the membership at t (a look-ahead the detector finds). On the sample the figures are unchanged, because a leaver's missing return is renormalised away either way (E15)",
  },
  {
    id: "E15",
    cell: "In[18]",
    switch: "missingReturnsAsZero",
    what: "a missing one-month return adds 0 to the factor return (NaN skipped by the sum), weights not renormalised",
    effect:
      "a stock without a return counts as a 0 % return with its full weight. On the sample (20 stock-months: leavers in the month they leave) the predicted-factor strategy compounds to 273.28 % vs 274.31 % corrected",
  },
  {
    id: "E16",
    cell: "In[22]",
    switch: "macroAtReferenceMonth",
    what: "macro values are dated by their reference period (quarterly GDP on the quarter's own months), not by their release",
    effect:
      "the macro row of month t holds values the market learns one to three months later (look-ahead). Measured with every other correction on: accuracy 0.424 with the leak vs 0.439 without, top-3 0.864 vs 0.773, predicted-factor Sharpe (√12) 1.53 vs 1.40",
  },
]);
