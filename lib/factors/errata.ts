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
      "row t holds the change over month t+1, the month the label predicts (look-ahead); bonds (In[25]) and macro (In[22]) are aligned correctly",
  },
  {
    id: "E8",
    cell: "In[18], In[28]",
    switch: "",
    what: "factor returns pair month-t weights with the return of the month ending at t (TR.TotalReturn1Mo is trailing)",
    effect:
      "momentum weights already contain that month's return, which favours the momentum class (132 of 294 months); documented only",
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
    cell: "text after In[33]",
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
]);
