/**
 * What the two monthly generators (monthly-sample.ts → data/sample, realistic.ts → data/realistic)
 * share: their seeded random streams, the history series and their file format, the fiscal-year
 * step, and the In[7] field table's format.
 *
 * - Random streams: stream k of a seed is `createRng(seed + k)` (lib/random.ts), one stream per
 *   part of the process (macro, companies, returns, ...), so that drawing more in one part does not
 *   shift the draws of another.
 * - History series: the series codes and display names the article requests (In[19]-In[26],
 *   In[44]), the interpolation of the piecewise-linear anchor paths the macro and market state
 *   follows (each generator has its own paths), the rounding "as LSEG prints it", history.csv
 *   (RIC, Field, Date, Value; one block per series, months ascending) and display_names.csv. The drivers of the planted relation (monthly-sample.ts) are
 *   computed from the ROUNDED values, so that a reader of history.csv recomputes them exactly:
 *   `rounded` is `Number(fixed(v, d))`.
 * - Field table: the fiscal-year figures a generator keeps per company and the column each fills
 *   — figure `k` of FY0 fills `<code of k>(PERIOD=FY0)`, of FY-1 `<code of k>(PERIOD=FY-1)`, for
 *   the columns the schema (lib/data/schema.ts `FIELD_COLUMNS`) has (ROA, CF, net income and
 *   revenue are requested for FY0 only) — and fields.csv: USD amounts rounded to the million and
 *   written as integers, any other number with a generator-chosen count of significant digits, a
 *   missing number (NaN) as an empty cell.
 * - Fiscal-year step (`nextFiscalYear`): how a company's latent levels and ratios advance to a new
 *   FY0 and its figures follow from them, in a fixed order of random draws; each generator gives
 *   its constants (`FiscalYearConstants`) and per-company items (`FiscalYearProfile`) and draws
 *   its own extras (planted extreme, impairment, field gaps) around it.
 */
import { formatCsv, formatNumber } from "../data/csv";
import { monthNumber } from "../data/dates";
import { FIELD_COLUMNS } from "../data/schema";
import { createRng, type Rng } from "../random";

/** File name → CSV text of a generated data set. */
export type GeneratedFiles = Record<string, string>;

/** Independent seeded streams, one per name: the k-th name gets `createRng(seed + k)`. */
export function rngStreams<K extends string>(seed: number, names: readonly K[]): Record<K, Rng> {
  return Object.fromEntries(names.map((name, k) => [name, createRng(seed + k)])) as Record<K, Rng>;
}

// ---------------------------------------------------------------------------------------------
// History series

/** A series of history.csv: RIC, the field as the article requests it, display name, decimals written. */
export interface HistorySeries {
  ric: string;
  field: string;
  name: string;
  decimals: number;
}

/** The seven macro series of In[19] with the display names of In[20] (field VALUE, 1 decimal). */
export const MACRO_SERIES: readonly { ric: string; name: string }[] = Object.freeze([
  { ric: "USCPI=ECI", name: "US CPI mm" },
  { ric: "USUNR=ECI", name: "US Unemployment" },
  { ric: "USGPCS=ECI", name: "US Consumpn SA" },
  { ric: "USLEAD=ECI", name: "US Lead indic'rs" },
  { ric: "USCPF=ECI", name: "US Core CPI mm," },
  { ric: "USGDPF=ECI", name: "US GDP Final" },
  { ric: "USFOUT=ECI", name: "US Manuf Output" },
]);

/** Market series of In[23]-In[26], In[44]: RIC, field as the article requests it, decimals written. */
export const MARKET_SERIES: readonly HistorySeries[] = Object.freeze([
  { ric: "EUR=", field: "BID", name: "Euro/US Dollar (synthetic)", decimals: 4 },
  { ric: ".VIX", field: "TR.PriceClose", name: "Volatility Index (synthetic)", decimals: 2 },
  { ric: ".SPX", field: "TR.PriceClose", name: "Broad US Equity Index (synthetic)", decimals: 2 },
  { ric: ".DJI", field: "TR.PriceClose", name: "Dow-like Price Index (synthetic)", decimals: 2 },
  { ric: "US3MT=RR", field: "B_YLD_1", name: "US 3M Treasury Yield (synthetic)", decimals: 3 },
  { ric: "US6MT=RR", field: "B_YLD_1", name: "US 6M Treasury Yield (synthetic)", decimals: 3 },
  { ric: "US10YT=RR", field: "B_YLD_1", name: "US 10Y Treasury Yield (synthetic)", decimals: 3 },
  { ric: "LCOc1", field: "TRDPRC_1", name: "Brent Crude Front Month (synthetic)", decimals: 2 },
  { ric: "NGc1", field: "TRDPRC_1", name: "Natural Gas Front Month (synthetic)", decimals: 3 },
  { ric: "GCc1", field: "TRDPRC_1", name: "Gold Front Month (synthetic)", decimals: 2 },
]);

/** The macro series as history.csv rows describe them (field VALUE, 1 decimal). */
export const MACRO_HISTORY_SERIES: readonly HistorySeries[] = Object.freeze(
  MACRO_SERIES.map((m) => ({ ric: m.ric, field: "VALUE", name: m.name, decimals: 1 })),
);

/** A piecewise-linear path through (month end, value) anchors. */
export type Anchors = readonly (readonly [string, number])[];

/** Linear interpolation of an anchor path at month `d` (flat outside the anchors). */
export function anchorAt(anchors: Anchors, d: string): number {
  const k = monthNumber(d);
  if (k <= monthNumber(anchors[0][0])) return anchors[0][1];
  for (let j = 1; j < anchors.length; j++) {
    const k1 = monthNumber(anchors[j][0]);
    if (k <= k1) {
      const k0 = monthNumber(anchors[j - 1][0]);
      const w = (k - k0) / (k1 - k0);
      return anchors[j - 1][1] * (1 - w) + anchors[j][1] * w;
    }
  }
  return anchors[anchors.length - 1][1];
}

/** toFixed without "-0.0". */
export function fixed(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Round to `decimals` as written, so the drivers are computed from the written values. */
export function rounded(v: number, decimals: number): number {
  return Number(fixed(v, decimals));
}

/**
 * history.csv: for each series in order, the months of `months` inside its span (`spanOf`, both
 * ends inclusive) with the value of the same index in `values[ric]`, written with its decimals.
 */
export function historyCsv(
  series: readonly HistorySeries[],
  months: readonly string[],
  values: Readonly<Record<string, readonly number[]>>,
  spanOf: (ric: string) => { first: string; last: string },
): string {
  const rows: string[][] = [];
  for (const s of series) {
    const { first, last } = spanOf(s.ric);
    months.forEach((d, t) => {
      if (d < first || d > last) return;
      rows.push([s.ric, s.field, d, fixed(values[s.ric][t], s.decimals)]);
    });
  }
  return formatCsv(["RIC", "Field", "Date", "Value"], rows);
}

/** display_names.csv: one row per series (Instrument, DSPLY_NAME). */
export function displayNamesCsv(series: readonly { ric: string; name: string }[]): string {
  return formatCsv(
    ["Instrument", "DSPLY_NAME"],
    series.map((s) => [s.ric, s.name]),
  );
}

// ---------------------------------------------------------------------------------------------
// Field table

/** The figures of one fiscal year (USD; asset turnover plain, ROA percent). */
export type FundamentalKey =
  | "at"
  | "roa"
  | "ta"
  | "wkg"
  | "ca"
  | "inv"
  | "cust"
  | "liab"
  | "cl"
  | "pref"
  | "cash"
  | "invLt"
  | "ncfo"
  | "debt"
  | "debtLt"
  | "cf"
  | "ni"
  | "rev";

/** One fiscal year's figures (NaN = the business has no such item). */
export type FiscalYear = Record<FundamentalKey, number>;

/** The state both generators keep per company (each adds its own fields and fiscal years). */
export interface CompanyState {
  ric: string;
  /** TRBC economic sector */
  sector: string;
  payer: boolean;
  /** market beta and idiosyncratic volatility (percent per month) */
  beta: number;
  sigma: number;
  /** month (1-12) in which a new fiscal year is reported */
  reportMonth: number;
  /** market cap (USD) */
  mcap: number;
  // latent levels and ratios from which each fiscal year is drawn
  rev: number;
  atLevel: number;
  roaLevel: number;
  debtRatio: number;
  liabRatio: number;
  caRatio: number;
  clRatio: number;
  invRatio: number;
  cashRatio: number;
  payout: number;
  /** market cap at the last fiscal year (revenue follows the price move since then) */
  mcapAtLastFy: number;
  /** dividends of the current fiscal year (USD) */
  dividends: number;
  /** total returns (percent), one per month since the simulation start or the listing */
  returns: number[];
}

/**
 * The constants of a generator's fiscal-year step (`nextFiscalYear`): drifts and noise scales
 * (standard deviations of normal draws), clamps of the latent ratios, and the shares of total
 * assets the smaller items take. Ratios and shares are fractions (of total assets unless said),
 * ROA in percent.
 */
export interface FiscalYearConstants {
  /** log revenue drift per year and the standard deviation of its noise */
  revDrift: number;
  revNoise: number;
  /** standard deviation of the yearly log change of asset turnover */
  atNoise: number;
  /** share of last year's ROA deviation from its mean that persists */
  roaPersistence: number;
  /** standard deviation (percentage points) of the ROA shock: financials, others */
  roaNoiseFin: number;
  roaNoise: number;
  /** bounds of the debt ratio (debt / total assets), of the current-asset and current-liability ratios */
  debtRatioMin: number;
  debtRatioMax: number;
  caRatioMin: number;
  caRatioMax: number;
  clRatioMin: number;
  clRatioMax: number;
  /** cash flow = net income + this share of total assets (times 1 + 0.2 N) */
  cfAccrual: number;
  /** customer advances and preferred stock: share of total assets, relative noise */
  custShare: number;
  custNoise: number;
  prefShare: number;
  /** total liabilities are at least the debt ratio plus this (share of total assets) */
  liabOverDebt: number;
  /** long-term investments: share of total investments, relative noise (0 = no draw) */
  invLtShare: number;
  invLtNoise: number;
  /** long-term debt share of total debt: lowest value and width of the uniform range */
  debtLtMin: number;
  debtLtSpan: number;
  /** dividends = payout · max(net income, divFloor · total assets), at most divCap · market cap */
  divFloor: number;
  divCap: number;
}

/** Which items a company's fiscal year has, and what its ROA reverts to. */
export interface FiscalYearProfile {
  /** the financial ROA noise (`roaNoiseFin`) applies */
  financial: boolean;
  /** long-run ROA (percent) */
  roaMean: number;
  /** no working capital, current assets or current liabilities */
  noCurrent: boolean;
  hasCust: boolean;
  hasPref: boolean;
  hasInvLt: boolean;
  /** total debt (and long-term debt) is 0 */
  debtFree: boolean;
  /** total assets of the previous FY0 (USD); undefined = the first fiscal year */
  prevTa: number | undefined;
  /** a generator's own change of net income (USD), drawn right after it (e.g. an impairment year) */
  adjustNi?: (ni: number) => number;
}

/**
 * A new fiscal year's FY0 figures (USD; asset turnover plain, ROA percent) from a company's
 * latent state, which it advances: revenue follows the price move since the last fiscal year
 * (clamped to ±1 in log), asset turnover drifts, ROA reverts to its mean, the debt,
 * current-asset and current-liability ratios drift within their bounds; it also sets the
 * dividends of the new year and `mcapAtLastFy`. The draws of `rng`, in this order: revenue,
 * turnover, ROA, debt, current-asset, current-liability ratio, `adjustNi`, cash flow, investments,
 * then the literal's fields in key order (customer advances, preferred stock only where the
 * company has them, cash, long-term investments where it has them and `invLtNoise` > 0, operating
 * cash flow, long-term debt share). Both generators' byte-identical output depends on this order.
 */
export function nextFiscalYear(rng: Rng, c: CompanyState, k: FiscalYearConstants, p: FiscalYearProfile): FiscalYear {
  // revenue follows the market's verdict partly, so valuation ratios stay stationary
  const priceMove = Math.max(-1, Math.min(1, Math.log(c.mcap / c.mcapAtLastFy)));
  c.mcapAtLastFy = c.mcap;
  c.rev *= Math.exp(k.revDrift + 0.6 * priceMove + k.revNoise * rng.normal());
  c.atLevel *= Math.exp(k.atNoise * rng.normal());
  c.roaLevel =
    p.roaMean + k.roaPersistence * (c.roaLevel - p.roaMean) + (p.financial ? k.roaNoiseFin : k.roaNoise) * rng.normal();
  c.debtRatio = Math.min(k.debtRatioMax, Math.max(k.debtRatioMin, c.debtRatio * Math.exp(0.12 * rng.normal())));
  c.caRatio = Math.min(k.caRatioMax, Math.max(k.caRatioMin, c.caRatio + 0.02 * rng.normal()));
  c.clRatio = Math.min(k.clRatioMax, Math.max(k.clRatioMin, c.clRatio + 0.02 * rng.normal()));
  const ta = c.rev / c.atLevel;
  const prevTa = p.prevTa ?? ta;
  let ni = (c.roaLevel / 100) * ((ta + prevTa) / 2);
  if (p.adjustNi) ni = p.adjustNi(ni);
  const cf = ni + k.cfAccrual * ta * (1 + 0.2 * rng.normal());
  const debt = p.debtFree ? 0 : c.debtRatio * ta;
  const inv = c.invRatio * ta * (1 + 0.1 * rng.normal());
  const f: FiscalYear = {
    at: c.rev / ((ta + prevTa) / 2),
    roa: c.roaLevel,
    ta,
    wkg: p.noCurrent ? Number.NaN : (c.caRatio - c.clRatio) * ta,
    ca: p.noCurrent ? Number.NaN : c.caRatio * ta,
    inv,
    cust: p.hasCust ? k.custShare * ta * (1 + k.custNoise * rng.normal()) : Number.NaN,
    liab: Math.max(c.liabRatio, c.debtRatio + k.liabOverDebt) * ta,
    cl: p.noCurrent ? Number.NaN : c.clRatio * ta,
    pref: p.hasPref ? k.prefShare * ta * (1 + 0.3 * rng.normal()) : Number.NaN,
    cash: c.cashRatio * ta * (1 + 0.15 * rng.normal()),
    invLt: !p.hasInvLt
      ? Number.NaN
      : k.invLtNoise > 0
        ? k.invLtShare * inv * (1 + k.invLtNoise * rng.normal())
        : k.invLtShare * inv,
    ncfo: cf * (1 + 0.15 * rng.normal()),
    debt,
    debtLt: debt * (k.debtLtMin + k.debtLtSpan * rng.uniform()),
    cf,
    ni,
    rev: c.rev,
  };
  c.dividends = c.payer ? Math.min(c.payout * Math.max(ni, k.divFloor * ta), k.divCap * c.mcap) : 0;
  return f;
}

/** The field code of each figure (without the period). */
const FUNDAMENTAL_CODES: Readonly<Record<FundamentalKey, string>> = Object.freeze({
  at: "TR.F.ASSETTURNOVER",
  roa: "TR.F.RETURNAVGTOTASSETSPCT",
  ta: "TR.F.TOTASSETS",
  wkg: "TR.F.WKGCAP",
  ca: "TR.F.TOTCURRASSETS",
  inv: "TR.F.INVSTTOT",
  cust: "TR.F.CUSTADVTOT",
  liab: "TR.F.TOTLIAB",
  cl: "TR.F.TOTCURRLIAB",
  pref: "TR.F.PREFSTOCKLIABPORTLT",
  cash: "TR.F.CASHSTINVST",
  invLt: "TR.F.INVSTLT",
  ncfo: "TR.F.NETCASHFLOWOP",
  debt: "TR.F.DEBTTOT",
  debtLt: "TR.F.DEBTLTTOT",
  cf: "TR.F.CF",
  ni: "TR.NETINCOME",
  rev: "TR.REVENUE",
});

/** Every fiscal-year column of the schema: [column, figure, 0 = FY0 | 1 = FY-1], schema order. */
export const FUNDAMENTAL_COLUMNS: readonly (readonly [string, FundamentalKey, 0 | 1])[] = Object.freeze(
  FIELD_COLUMNS.flatMap((col) => {
    const m = /^(.+)\(PERIOD=FY(0|-1)\)$/.exec(col);
    if (!m) return [];
    const key = (Object.keys(FUNDAMENTAL_CODES) as FundamentalKey[]).find((k) => FUNDAMENTAL_CODES[k] === m[1]);
    if (!key) throw new Error(`sample fields: no fiscal-year figure for column ${col}`);
    return [[col, key, m[2] === "0" ? 0 : 1] as const];
  }),
);

/** The fiscal-year cells of a field row: column → `figure(key, year)` (year 0 = FY0, 1 = FY-1). */
export function fundamentalCells(figure: (key: FundamentalKey, year: 0 | 1) => number): Record<string, number> {
  return Object.fromEntries(FUNDAMENTAL_COLUMNS.map(([col, key, year]) => [col, figure(key, year)]));
}

/** Total return (percent) compounded over the last `months` monthly returns (percent); NaN if fewer. */
export function trailingReturnPct(returnsPct: readonly number[], months = 12): number {
  if (returnsPct.length < months) return Number.NaN;
  return (returnsPct.slice(-months).reduce((p, x) => p * (1 + x / 100), 1) - 1) * 100;
}

/** The columns written as USD amounts (rounded to the million). */
const AMOUNT_COLUMNS = new Set(
  FIELD_COLUMNS.filter((c) =>
    /^TR\.F\.(TOTASSETS|WKGCAP|TOTCURR|INVST|CUSTADV|TOTLIAB|DEBT|PREF|CASH|NETCASH|CF)/.test(c),
  ).concat(["TR.NETINCOME(PERIOD=FY0)", "TR.REVENUE(PERIOD=FY0)"]),
);

/** One cell as the export writes it (see the module comment); `significant` digits for non-amounts. */
export function formatField(col: string, v: number | string, significant: number): string {
  if (typeof v === "string") return v;
  if (Number.isNaN(v)) return "";
  if (AMOUNT_COLUMNS.has(col)) return String(Math.round(v / 1e6) * 1e6);
  return formatNumber(v, significant);
}

/** A row of the field table: Instrument, the field columns, Date. */
export type FieldCells = Record<string, number | string>;

/**
 * fields.csv: for each month end of `months`, one row per member (`membersAt`, list order) with
 * the cells of `rowAt(month, ric)`, non-amount numbers with `significant(column)` digits.
 */
export function fieldsCsv(
  months: readonly string[],
  membersAt: (d: string) => readonly string[],
  rowAt: (d: string, ric: string) => FieldCells,
  significant: (col: string) => number,
): string {
  const header = ["Instrument", ...FIELD_COLUMNS, "Date"];
  const out: string[][] = [];
  for (const d of months) {
    for (const ric of membersAt(d)) {
      const r = rowAt(d, ric);
      out.push(header.map((c) => formatField(c, r[c], significant(c))));
    }
  }
  return formatCsv(header, out);
}
