/**
 * Factor components (article In[8]-In[9]) following the FTSE Global Factor Index Series ground
 * rules as the article implements them.
 *
 * Per stock and month (one In[7] field row):
 * - at_delta      = AssetTurnover(FY0) - AssetTurnover(FY-1)
 * - wk_delta      = WkgCap(FY0) - WkgCap(FY-1)          (faithful: WkgCap(FY-1), erratum E1)
 * - nco_delta     = [(TA - CA - Inv) - (TL - CL - LTD)](FY0) - [same](FY-1)
 * - fin_delta     = (InvstTot - DebtTot)(FY0) - (InvstTot - DebtTot)(FY-1)
 * - average_ta    = (TA(FY0) + TA(FY-1)) / 2           (faithful: (TA(FY0) + TA(FY0)) / 2, E2)
 * - accruals      = -(wk_delta + nco_delta + fin_delta) / average_ta
 * - leverage      = NetCashFlowOp(FY0) / DebtTot(FY0)
 * - size          = ln(CompanyMarketCap)                 (corrected: -ln, E4)
 * - cf_yield      = CF(FY0) / CompanyMarketCap
 * - earning_yield = NetIncome(FY0) / CompanyMarketCap
 * - sales_to_price= Revenue(FY0) / CompanyMarketCap
 * - yield         = ln(DividendYield)                    (DividendYield in percent)
 * - momentum      = TotalReturn52Wk (percent)            (corrected: skip last month, E5)
 * Renames: TotalReturn1Mo -> total_return_1m, TotalReturn52Wk -> momentum,
 * ReturnAvgTotAssetsPct(FY0) -> roa, TRBCEconomicSector -> sector.
 * In[9]: +/-Infinity becomes NaN (e.g. x/0, ln 0), as does anything non-numeric. NaN propagates
 * through every formula (IEEE arithmetic, like pandas).
 */
import { type FactorErrata, resolveFactorErrata } from "../errata";
import type { FieldRow } from "./types";

/** In[7] column names (upper case, `header_type=NAME`) used by the formulas. */
export const COL = Object.freeze({
  sector: "TR.TRBCECONOMICSECTOR",
  ret1m: "TR.TOTALRETURN1MO",
  ret52w: "TR.TOTALRETURN52WK",
  atFy0: "TR.F.ASSETTURNOVER(PERIOD=FY0)",
  atFy1: "TR.F.ASSETTURNOVER(PERIOD=FY-1)",
  roa: "TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)",
  taFy0: "TR.F.TOTASSETS(PERIOD=FY0)",
  taFy1: "TR.F.TOTASSETS(PERIOD=FY-1)",
  wcFy0: "TR.F.WKGCAP(PERIOD=FY0)",
  wcFy1: "TR.F.WKGCAP(PERIOD=FY-1)",
  caFy0: "TR.F.TOTCURRASSETS(PERIOD=FY0)",
  caFy1: "TR.F.TOTCURRASSETS(PERIOD=FY-1)",
  invFy0: "TR.F.INVSTTOT(PERIOD=FY0)",
  invFy1: "TR.F.INVSTTOT(PERIOD=FY-1)",
  tlFy0: "TR.F.TOTLIAB(PERIOD=FY0)",
  tlFy1: "TR.F.TOTLIAB(PERIOD=FY-1)",
  clFy0: "TR.F.TOTCURRLIAB(PERIOD=FY0)",
  clFy1: "TR.F.TOTCURRLIAB(PERIOD=FY-1)",
  debtFy0: "TR.F.DEBTTOT(PERIOD=FY0)",
  debtFy1: "TR.F.DEBTTOT(PERIOD=FY-1)",
  ltdFy0: "TR.F.DEBTLTTOT(PERIOD=FY0)",
  ltdFy1: "TR.F.DEBTLTTOT(PERIOD=FY-1)",
  ocfFy0: "TR.F.NETCASHFLOWOP(PERIOD=FY0)",
  mcap: "TR.COMPANYMARKETCAP",
  cf: "TR.F.CF(PERIOD=FY0)",
  ni: "TR.NETINCOME(PERIOD=FY0)",
  rev: "TR.REVENUE(PERIOD=FY0)",
  dy: "TR.DIVIDENDYIELD",
});

/** The In[8] formulas whose results In[9] keeps as components (see the module comment for each). */
export interface ComputedComponents {
  at_delta: number;
  accruals: number;
  leverage: number;
  size: number;
  cf_yield: number;
  earning_yield: number;
  sales_to_price: number;
  yield: number;
}

/** In[9]'s table: the factor components of one stock in one month (NaN when not computable). */
export type ComponentRow = {
  Date: string;
  Instrument: string;
  sector: string;
  /** trailing 1-month total return of the month ending at Date, percent */
  total_return_1m: number;
  /** 52-week total return ending at Date, percent (E5 corrected: excluding the last month) */
  momentum: number;
  /** return on average total assets FY0, percent */
  roa: number;
} & ComputedComponents;

/** The numeric component columns of In[9] in the article's order (In[12] normalises from momentum on). */
export const COMPONENT_COLUMNS = [
  "total_return_1m",
  "momentum",
  "roa",
  "at_delta",
  "accruals",
  "leverage",
  "size",
  "cf_yield",
  "earning_yield",
  "sales_to_price",
  "yield",
] as const;
export type ComponentColumn = (typeof COMPONENT_COLUMNS)[number];

/** pandas `to_numeric(errors="coerce")` then In[9]'s inf -> NaN: numbers pass, anything else NaN. */
export function toNumber(v: unknown): number {
  let x: number;
  if (typeof v === "number") x = v;
  else if (typeof v === "string") {
    const s = v.trim();
    x = s === "" ? Number.NaN : Number(s);
  } else x = Number.NaN;
  return Number.isFinite(x) ? x : Number.NaN;
}

/** Read a numeric field; throws naming the row when the column does not exist at all. */
export function field(row: FieldRow, col: string): number {
  if (!(col in row)) {
    throw new Error(`factor components: row ${row.Instrument} ${row.Date} has no column "${col}"`);
  }
  return toNumber(row[col]);
}

const finite = (x: number): number => (Number.isFinite(x) ? x : Number.NaN);

/** Change in asset turnover, FY0 - FY-1 (plain ratio). */
export const atDelta = (r: FieldRow): number => field(r, COL.atFy0) - field(r, COL.atFy1);

/** Change in working capital (USD). Faithful (E1): the FY-1 working capital itself. */
export function wkDelta(r: FieldRow, errata: Partial<FactorErrata> = {}): number {
  const e = resolveFactorErrata(errata);
  return e.wkDeltaChainedAssignment ? field(r, COL.wcFy1) : field(r, COL.wcFy0) - field(r, COL.wcFy1);
}

/** Change in net non-current operating assets (USD). */
export function ncoDelta(r: FieldRow): number {
  const nco = (ta: string, ca: string, inv: string, tl: string, cl: string, ltd: string) =>
    field(r, ta) - field(r, ca) - field(r, inv) - (field(r, tl) - field(r, cl) - field(r, ltd));
  return (
    nco(COL.taFy0, COL.caFy0, COL.invFy0, COL.tlFy0, COL.clFy0, COL.ltdFy0) -
    nco(COL.taFy1, COL.caFy1, COL.invFy1, COL.tlFy1, COL.clFy1, COL.ltdFy1)
  );
}

/** Change in net financial assets, (InvstTot - DebtTot) FY0 minus FY-1 (USD). */
export const finDelta = (r: FieldRow): number =>
  field(r, COL.invFy0) - field(r, COL.debtFy0) - (field(r, COL.invFy1) - field(r, COL.debtFy1));

/** Average total assets (USD). Faithful (E2): (FY0 + FY0) / 2. */
export function averageTa(r: FieldRow, errata: Partial<FactorErrata> = {}): number {
  const e = resolveFactorErrata(errata);
  const other = e.averageTaFy0Twice ? field(r, COL.taFy0) : field(r, COL.taFy1);
  return (field(r, COL.taFy0) + other) / 2;
}

/** Accruals = -(wk_delta + nco_delta + fin_delta) / average_ta (fraction; +/-Inf -> NaN). */
export function accruals(r: FieldRow, errata: Partial<FactorErrata> = {}): number {
  return finite(-(wkDelta(r, errata) + ncoDelta(r) + finDelta(r)) / averageTa(r, errata));
}

/** Operating cash flow over total debt, FY0 (ratio; debt 0 -> NaN). */
export const leverage = (r: FieldRow): number => finite(field(r, COL.ocfFy0) / field(r, COL.debtFy0));

/** ln(market cap in USD); corrected (E4) -ln. Non-positive cap -> NaN. */
export function size(r: FieldRow, errata: Partial<FactorErrata> = {}): number {
  const s = finite(Math.log(field(r, COL.mcap)));
  return resolveFactorErrata(errata).sizePositiveLog ? s : -s;
}

/** Cash flow FY0 / market cap (fraction). */
export const cfYield = (r: FieldRow): number => finite(field(r, COL.cf) / field(r, COL.mcap));
/** Net income FY0 / market cap (fraction). */
export const earningYield = (r: FieldRow): number => finite(field(r, COL.ni) / field(r, COL.mcap));
/** Revenue FY0 / market cap (ratio). */
export const salesToPrice = (r: FieldRow): number => finite(field(r, COL.rev) / field(r, COL.mcap));
/** ln(dividend yield in percent); missing, non-numeric or 0 yield -> NaN. */
export const dividendYieldLog = (r: FieldRow): number => finite(Math.log(field(r, COL.dy)));

/**
 * Momentum in percent. Faithful: the 52-week total return. Corrected (E5): the 52-week return
 * without the most recent month, ((1 + R52/100) / (1 + R1/100) - 1) * 100.
 */
export function momentum(r: FieldRow, errata: Partial<FactorErrata> = {}): number {
  const r52 = field(r, COL.ret52w);
  if (resolveFactorErrata(errata).momentumIncludesLastMonth) return r52;
  return finite(((1 + r52 / 100) / (1 + field(r, COL.ret1m) / 100) - 1) * 100);
}

/** Intermediate columns of In[8] (shown in its printed table): the components and the accruals' parts. */
export interface DerivedRow extends ComputedComponents {
  wk_delta: number;
  nco_delta: number;
  fin_delta: number;
  average_ta: number;
}

/** All derived columns of In[8] for one row (before In[9]'s inf -> NaN on the intermediates). */
export function derivedColumns(r: FieldRow, errata: Partial<FactorErrata> = {}): DerivedRow {
  return {
    at_delta: atDelta(r),
    wk_delta: wkDelta(r, errata),
    nco_delta: ncoDelta(r),
    fin_delta: finDelta(r),
    average_ta: averageTa(r, errata),
    accruals: accruals(r, errata),
    leverage: leverage(r),
    size: size(r, errata),
    cf_yield: cfYield(r),
    earning_yield: earningYield(r),
    sales_to_price: salesToPrice(r),
    yield: dividendYieldLog(r),
  };
}

/**
 * In[8] + In[9]: the component table, one row per input row in input order. `Date` is the month
 * end the fields were requested for; all values belong to that month.
 */
export function factorComponents(rows: readonly FieldRow[], errata: Partial<FactorErrata> = {}): ComponentRow[] {
  const e = resolveFactorErrata(errata);
  return rows.map((r) => {
    if (typeof r.Date !== "string" || typeof r.Instrument !== "string") {
      throw new Error("factor components: every row needs string Date and Instrument");
    }
    const d = derivedColumns(r, e);
    const sector = r[COL.sector];
    return {
      Date: r.Date,
      Instrument: r.Instrument,
      sector: typeof sector === "string" ? sector : "",
      total_return_1m: field(r, COL.ret1m),
      momentum: momentum(r, e),
      roa: field(r, COL.roa),
      at_delta: finite(d.at_delta),
      accruals: d.accruals,
      leverage: d.leverage,
      size: d.size,
      cf_yield: d.cf_yield,
      earning_yield: d.earning_yield,
      sales_to_price: d.sales_to_price,
      yield: d.yield,
    };
  });
}

/** In[8]'s renames of raw columns. */
export const IN8_RENAMES: Readonly<Record<string, string>> = Object.freeze({
  [COL.ret1m]: "total_return_1m",
  [COL.ret52w]: "momentum",
  [COL.roa]: "roa",
  [COL.sector]: "sector",
});

/**
 * In[8]'s printed table: every raw column (renamed), then the derived columns, per row. Faithful
 * (E1) the FY0 working-capital column shows the FY-1 value, as the chained assignment leaves it.
 * Faithful momentum is the raw 52-week return; corrected (E5) the skip-month value.
 */
export function in8Table(
  rows: readonly FieldRow[],
  errata: Partial<FactorErrata> = {},
): Record<string, number | string>[] {
  const e = resolveFactorErrata(errata);
  return rows.map((r) => {
    const o: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === "Date") continue;
      o[IN8_RENAMES[k] ?? k] = k === COL.sector ? v : k === "Instrument" ? v : toNumber(v);
    }
    if (e.wkDeltaChainedAssignment) o[COL.wcFy0] = field(r, COL.wcFy1);
    if (!e.momentumIncludesLastMonth) o.momentum = momentum(r, e);
    o.Date = r.Date;
    return { ...o, ...derivedColumns(r, e) };
  });
}
