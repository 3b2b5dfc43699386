/**
 * The schema of the article's LSEG data as the project uses it: row and point types of the
 * DataSource interface and the field codes of In[6] / column names of In[7] (header_type=NAME).
 * Kept apart from source.ts so the loaders can import it without a cycle; source.ts re-exports it.
 */
/**
 * One row of In[7]'s table: column names exactly as the article prints them with
 * `header_type=NAME` (upper case), e.g. "TR.F.TOTASSETS(PERIOD=FY0)", plus "Instrument" and "Date"
 * (ISO month end, the `SDate` the row was requested for). Numbers are numbers (NaN when missing);
 * "TR.TRBCECONOMICSECTOR" is a string ("" when missing).
 */
export type FieldRow = Record<string, number | string> & { Instrument: string; Date: string };

/** One row of In[3]'s table: the index held `RIC` from `Date` (ISO) until the next change date. */
export interface ConstituentChange {
  Date: string;
  RIC: string;
}

/** One observation of a monthly series: `Date` is the ISO month end, `value` in the series' own unit. */
export interface SeriesPoint {
  Date: string;
  value: number;
}

/** What the notebooks call instead of `lseg.data` (one method per article call). */
export interface DataSource {
  /** Human-readable origin, e.g. "embedded synthetic sample (data/sample)". No absolute paths. */
  readonly description: string;
  /** In[2] `ld.open_session()`: the session name and whether the values are synthetic. */
  openSession(): { name: string; synthetic: boolean };
  /**
   * In[3] historical constituents of `indexRic` (e.g. ".DJI"): the full member list at each change
   * date in [start, end], one row per member, sorted by date then file order; when no change falls
   * exactly on `start`, the list in force at `start` comes first, dated `start`.
   */
  historicalConstituents(indexRic: string, start: string, end: string): ConstituentChange[];
  /**
   * In[7] `get_data(instruments, fields, {SDate})`: one row per instrument (in the given order)
   * with the requested fields as upper-case NAME columns plus Instrument and Date (= sdate, a month
   * end). Units: TR.TOTALRETURN1MO / TR.TOTALRETURN52WK / TR.F.RETURNAVGTOTASSETSPCT and
   * TR.DIVIDENDYIELD in percent; USD amounts in USD; asset turnover a plain ratio.
   */
  fields(instruments: readonly string[], fields: readonly string[], sdate: string): FieldRow[];
  /** In[20] `get_data(rics, ['DSPLY_NAME'])`: display name per RIC. */
  displayNames(rics: readonly string[]): Record<string, string>;
  /**
   * In[22]-In[26], In[44] `get_history(ric, field, start, end, interval='monthly')`: month-end
   * points with start <= Date <= end, ascending. `field` as the article spells it (matched case-
   * insensitively): "VALUE" (or "") for the ECI macro series, "BID" for EUR=, "TR.PriceClose" for
   * .VIX/.SPX/.DJI, "B_YLD_1" for the US Treasury yields (percent), "TRDPRC_1" for LCOc1/NGc1/GCc1.
   */
  history(ric: string, field: string, start: string, end: string): SeriesPoint[];
  /**
   * Publication lags in whole months per macro RIC that override the defaults of
   * lib/features/release-lags.ts (a data folder's optional `release_lags.csv`); used only when
   * erratum E16 is corrected.
   */
  releaseLags?(): Readonly<Record<string, number>>;
  /** First and last month end of the field table (In[7]), for a study window that follows the data. */
  coverage?(): { first: string; last: string };
}

/**
 * The 37 field codes of In[6], as the article requests them (mixed case), in its order. (In[7]'s
 * table has these 37 field columns plus Instrument, and the article appends Date: 39 columns.)
 */
export const ARTICLE_FIELDS: readonly string[] = Object.freeze([
  "TR.TRBCEconomicSector",
  "TR.TotalReturn1Mo",
  "TR.TotalReturn52Wk",
  "TR.F.AssetTurnover(Period=FY0)",
  "TR.F.AssetTurnover(Period=FY-1)",
  "TR.F.ReturnAvgTotAssetsPct(Period=FY0)",
  "TR.F.TotAssets(Period=FY0)",
  "TR.F.TotAssets(Period=FY-1)",
  "TR.F.WkgCap(Period=FY0)",
  "TR.F.WkgCap(Period=FY-1)",
  "TR.F.TotCurrAssets(Period=FY0)",
  "TR.F.TotCurrAssets(Period=FY-1)",
  "TR.F.InvstTot(Period=FY0)",
  "TR.F.InvstTot(Period=FY-1)",
  "TR.F.CustAdvTot(Period=FY0)",
  "TR.F.CustAdvTot(Period=FY-1)",
  "TR.F.TotLiab(Period=FY0)",
  "TR.F.TotLiab(Period=FY-1)",
  "TR.F.TotCurrLiab(Period=FY0)",
  "TR.F.TotCurrLiab(Period=FY-1)",
  "TR.F.PrefStockLiabPortLT(Period=FY0)",
  "TR.F.PrefStockLiabPortLT(Period=FY-1)",
  "TR.F.CashSTInvst(Period=FY0)",
  "TR.F.CashSTInvst(Period=FY-1)",
  "TR.F.InvstLT(Period=FY0)",
  "TR.F.InvstLT(Period=FY-1)",
  "TR.F.NetCashFlowOp(Period=FY0)",
  "TR.F.NetCashFlowOp(Period=FY-1)",
  "TR.F.DebtTot(Period=FY0)",
  "TR.F.DebtTot(Period=FY-1)",
  "TR.F.DebtLTTot(Period=FY0)",
  "TR.F.DebtLTTot(Period=FY-1)",
  "TR.CompanyMarketCap",
  "TR.F.CF(Period=FY0)",
  "TR.NetIncome(Period=FY0)",
  "TR.Revenue(Period=FY0)",
  "TR.DividendYield",
]);

/**
 * The 37 field columns of In[7]'s table in the order the article prints them (upper case, as
 * `header_type=NAME` returns them; the server orders them differently from the request). The
 * table itself starts with "Instrument" and the article appends "Date" last.
 */
export const FIELD_COLUMNS: readonly string[] = Object.freeze([
  "TR.TRBCECONOMICSECTOR",
  "TR.TOTALRETURN1MO",
  "TR.TOTALRETURN52WK",
  "TR.F.ASSETTURNOVER(PERIOD=FY0)",
  "TR.F.ASSETTURNOVER(PERIOD=FY-1)",
  "TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)",
  "TR.F.TOTASSETS(PERIOD=FY0)",
  "TR.F.TOTASSETS(PERIOD=FY-1)",
  "TR.F.WKGCAP(PERIOD=FY0)",
  "TR.F.WKGCAP(PERIOD=FY-1)",
  "TR.F.TOTCURRASSETS(PERIOD=FY0)",
  "TR.F.TOTCURRASSETS(PERIOD=FY-1)",
  "TR.F.INVSTTOT(PERIOD=FY0)",
  "TR.F.INVSTTOT(PERIOD=FY-1)",
  "TR.F.CUSTADVTOT(PERIOD=FY0)",
  "TR.F.CUSTADVTOT(PERIOD=FY-1)",
  "TR.F.TOTLIAB(PERIOD=FY0)",
  "TR.F.TOTLIAB(PERIOD=FY-1)",
  "TR.F.TOTCURRLIAB(PERIOD=FY0)",
  "TR.F.TOTCURRLIAB(PERIOD=FY-1)",
  "TR.F.DEBTTOT(PERIOD=FY0)",
  "TR.F.DEBTTOT(PERIOD=FY-1)",
  "TR.F.DEBTLTTOT(PERIOD=FY0)",
  "TR.F.DEBTLTTOT(PERIOD=FY-1)",
  "TR.F.PREFSTOCKLIABPORTLT(PERIOD=FY0)",
  "TR.F.PREFSTOCKLIABPORTLT(PERIOD=FY-1)",
  "TR.F.CASHSTINVST(PERIOD=FY0)",
  "TR.F.CASHSTINVST(PERIOD=FY-1)",
  "TR.F.INVSTLT(PERIOD=FY0)",
  "TR.F.INVSTLT(PERIOD=FY-1)",
  "TR.F.NETCASHFLOWOP(PERIOD=FY0)",
  "TR.F.NETCASHFLOWOP(PERIOD=FY-1)",
  "TR.COMPANYMARKETCAP",
  "TR.F.CF(PERIOD=FY0)",
  "TR.NETINCOME(PERIOD=FY0)",
  "TR.REVENUE(PERIOD=FY0)",
  "TR.DIVIDENDYIELD",
]);

/** The one text column among the fields (TRBC economic sector name); all others are numeric. */
export const SECTOR_COLUMN = "TR.TRBCECONOMICSECTOR";
