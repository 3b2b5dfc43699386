/**
 * Generator of the embedded synthetic sample (data/sample): a seeded, byte-reproducible imitation
 * of the article's LSEG data with a planted, documented relation between the macro state and the
 * factor that does best the following month. NOTHING here is market data; only the calendar, the
 * RIC codes of the index history and the series codes follow the article.
 *
 * Generating process (month by month from 1999-01 — a year of burn-in for the 52-week return —
 * to 2024-08; details and constants in data/README.md):
 * 1. Macro and market state: CPI m/m, core CPI, unemployment, consumption, leading indicators,
 *    GDP (quarterly), manufacturing output, US 3M/6M/10Y yields, EUR=, Brent, gas, gold, VIX —
 *    each a hand-drawn anchor path (rough shape of 2000-2024) plus seeded AR(1) noise, rounded as
 *    LSEG prints them. Market return m_t (percent) has volatility 0.75·VIX_{t-1}/√12 and falls
 *    when the VIX jumps.
 * 2. Companies: annual fundamentals (revenue growth, asset turnover, ROA, balance-sheet ratios)
 *    updated each year in the company's reporting month (FY-1 = the previous FY0), dividends from a
 *    payout ratio, market cap compounding with the price return.
 * 3. Planted relation. Standardised drivers at the end of month t-1, read from the written series:
 *      a = (USCPI=ECI − 0.3)/0.3,  b = (US10YT=RR fractional change over month t-1)/0.11,
 *      c = (USLEAD=ECI + 0.1)/0.6   (PLANTED.drivers).
 *    Planted premia (percent per month) of the six label factors for month t:
 *      λ*_f = κ·(θ_f · (a, b, c)) + σ_η·η_f, η_f ~ N(0,1), with θ: value +a, quality −a,
 *      leverage +b, yield −b, profitability +c, size −c, κ = PLANTED.kappa = 1.5,
 *      σ_η = PLANTED.noise = 0.6.
 *    The article's factor portfolios at the start of month t (softmax of clipped z-scores of the
 *    In[8] components across the members, In[9]-In[17]) have tilts X_f = N·w_f − 1; the
 *    cross-sectional premia λ solve (C + δI)λ = λ* with C_fg = Σ_i w_f,i X_g,i, so that each
 *    portfolio earns about λ*_f over the equal-weighted universe. Stock return over month t:
 *      R_i = β_i·m_t − 0.5·ln(cap_i / path_t) + Σ_g λ_g X_g,i + σ_i·t₅ (percent, total
 *    return; the second term is a weak pull of market caps towards a common path).
 *    Hence which factor wins next month depends on the largest |driver| and its sign (inflation ->
 *    value vs quality, rates -> leverage vs yield, leading indicators -> profitability vs size),
 *    blurred by η, idiosyncratic noise and the drift of the weights during the month.
 * 4. Imperfections on purpose: Financials have no working-capital / current-asset / current-
 *    liability / long-term-investment fields, customer advances and preferred stock are mostly
 *    missing, dividend yields are missing for every company before 2003 and in a few whole months
 *    (and always for non-payers), about 0.3% of other numeric cells are missing, and ~2% of
 *    company-years carry an extreme fundamental (write-down, near-zero debt, ...) so that the
 *    clip-and-re-standardise loop of In[10] iterates.
 *
 * Shared with the realistic generator (realistic.ts, through monthly-common.ts): the random
 * streams, series codes, anchor interpolation, rounding, the fiscal-year step (`nextFiscalYear`)
 * and the file formats. The membership is the Dow-like universe of universe.ts.
 */
import { formatCsv } from "../data/csv";
import { monthEndsBetween, parseIsoDate } from "../data/dates";
import { monthlyMembership } from "../data/membership";
import { FIELD_COLUMNS } from "../data/schema";
import type { Rng } from "../random";
import { mean, populationStd } from "../statistics/descriptive";
import {
  type Anchors,
  anchorAt,
  type CompanyState,
  displayNamesCsv,
  type FieldCells,
  type FiscalYear,
  type FiscalYearConstants,
  fieldsCsv,
  fundamentalCells,
  type GeneratedFiles,
  historyCsv,
  MACRO_HISTORY_SERIES,
  MACRO_SERIES,
  MARKET_SERIES,
  nextFiscalYear,
  rngStreams,
  rounded,
  trailingReturnPct,
} from "./monthly-common";
import { allMembers, dowLikeConstituents, NON_PAYERS, SECTORS } from "./universe";

/** Default seed of `npm run data:generate`. */
export const SAMPLE_SEED = 20240731;

/** Calendar of the sample. */
export const SAMPLE_CALENDAR = Object.freeze({
  /** First month end of simulation (burn-in for the 52-week return; not written). */
  simulationStart: "1999-01-31",
  /** Series (history.csv) cover these month ends, both inclusive. */
  seriesStart: "1999-12-31",
  seriesEnd: "2024-08-31",
  /** fields.csv covers these month ends, both inclusive (295 months). */
  fieldsStart: "2000-01-31",
  fieldsEnd: "2024-07-31",
  /** TR.DIVIDENDYIELD is missing for every company before this month end. */
  dividendYieldFrom: "2003-01-31",
});

/** The six label factors (In[29]) and their planted loading on the drivers (a, b, c). */
export const PLANTED = Object.freeze({
  factors: ["value", "quality", "leverage", "yield", "profitability", "size"] as const,
  theta: {
    value: [1, 0, 0],
    quality: [-1, 0, 0],
    leverage: [0, 1, 0],
    yield: [0, -1, 0],
    profitability: [0, 0, 1],
    size: [0, 0, -1],
  } as Record<string, readonly [number, number, number]>,
  /** Percent per month per unit of driver. */
  kappa: 1.5,
  /** Standard deviation (percent) of the state-independent part η of each planted premium. */
  noise: 0.6,
  /** Ridge δ of the premium solve. */
  ridge: 0.1,
  /** Driver standardisation: (value − centre) / scale. */
  drivers: {
    a: { ric: "USCPI=ECI", centre: 0.3, scale: 0.3 },
    b: { ric: "US10YT=RR", centre: 0, scale: 0.11 },
    c: { ric: "USLEAD=ECI", centre: -0.1, scale: 0.6 },
  },
});

const A = {
  y3: [
    ["1999-01-31", 4.4],
    ["1999-12-31", 5.3],
    ["2000-12-31", 5.9],
    ["2001-12-31", 1.7],
    ["2002-12-31", 1.2],
    ["2003-06-30", 0.9],
    ["2004-06-30", 1.3],
    ["2006-07-31", 5.0],
    ["2007-07-31", 4.9],
    ["2008-03-31", 1.3],
    ["2008-12-31", 0.05],
    ["2015-11-30", 0.05],
    ["2016-12-31", 0.5],
    ["2018-12-31", 2.4],
    ["2019-12-31", 1.55],
    ["2020-04-30", 0.1],
    ["2022-02-28", 0.3],
    ["2022-12-31", 4.3],
    ["2023-07-31", 5.4],
    ["2024-08-31", 5.1],
  ],
  slope: [
    ["1999-01-31", 0.3],
    ["1999-12-31", 1.2],
    ["2000-12-31", -0.8],
    ["2001-12-31", 3.3],
    ["2003-06-30", 2.4],
    ["2004-06-30", 3.3],
    ["2006-07-31", 0.1],
    ["2007-07-31", 0.1],
    ["2008-12-31", 2.2],
    ["2010-03-31", 3.7],
    ["2012-07-31", 1.4],
    ["2013-12-31", 2.9],
    ["2016-07-31", 1.2],
    ["2018-12-31", 0.3],
    ["2019-08-31", -0.4],
    ["2020-04-30", 0.6],
    ["2021-03-31", 1.7],
    ["2022-10-31", -0.1],
    ["2023-05-31", -1.7],
    ["2024-08-31", -1.2],
  ],
  unr: [
    ["1999-01-31", 4.3],
    ["2000-06-30", 4.0],
    ["2003-06-30", 6.2],
    ["2007-03-31", 4.4],
    ["2009-10-31", 10.0],
    ["2015-06-30", 5.3],
    ["2019-09-30", 3.5],
    ["2020-03-31", 4.4],
    ["2020-04-30", 14.7],
    ["2020-12-31", 6.7],
    ["2022-06-30", 3.6],
    ["2024-08-31", 4.2],
  ],
  cpi: [
    ["1999-01-31", 0.2],
    ["2008-07-31", 0.4],
    ["2008-10-31", -0.9],
    ["2009-02-28", 0.2],
    ["2021-02-28", 0.3],
    ["2021-05-31", 0.7],
    ["2022-06-30", 0.8],
    ["2022-09-30", 0.3],
    ["2024-08-31", 0.2],
  ],
  lead: [
    ["1999-01-31", 0.2],
    ["2000-06-30", -0.2],
    ["2001-12-31", 0.3],
    ["2007-06-30", -0.2],
    ["2008-10-31", -0.9],
    ["2009-06-30", 0.7],
    ["2010-06-30", 0.2],
    ["2020-03-31", -0.5],
    ["2020-04-30", -6.0],
    ["2020-06-30", 2.0],
    ["2020-12-31", 0.4],
    ["2022-06-30", -0.5],
    ["2024-08-31", -0.3],
  ],
  vix: [
    ["1999-01-31", 22],
    ["2000-12-31", 25],
    ["2002-09-30", 38],
    ["2003-06-30", 20],
    ["2004-12-31", 13],
    ["2006-12-31", 11],
    ["2007-08-31", 24],
    ["2008-10-31", 60],
    ["2009-06-30", 27],
    ["2010-05-31", 30],
    ["2011-08-31", 35],
    ["2012-12-31", 17],
    ["2013-12-31", 13],
    ["2017-06-30", 10],
    ["2018-12-31", 25],
    ["2019-12-31", 14],
    ["2020-03-31", 54],
    ["2020-12-31", 22],
    ["2022-06-30", 29],
    ["2023-06-30", 14],
    ["2024-08-31", 15],
  ],
  oil: [
    ["1999-01-31", 11],
    ["1999-12-31", 25],
    ["2000-09-30", 33],
    ["2001-12-31", 19],
    ["2003-03-31", 30],
    ["2005-08-31", 65],
    ["2008-06-30", 135],
    ["2008-12-31", 45],
    ["2011-04-30", 120],
    ["2014-06-30", 110],
    ["2015-12-31", 37],
    ["2018-09-30", 80],
    ["2019-12-31", 66],
    ["2020-04-30", 26],
    ["2022-06-30", 115],
    ["2023-06-30", 75],
    ["2024-08-31", 78],
  ],
  gas: [
    ["1999-01-31", 1.9],
    ["1999-12-31", 2.3],
    ["2000-12-31", 9.8],
    ["2001-09-30", 2.2],
    ["2005-10-31", 13],
    ["2006-09-30", 4.5],
    ["2008-06-30", 13],
    ["2009-09-30", 3],
    ["2012-04-30", 2],
    ["2014-02-28", 5.5],
    ["2016-03-31", 1.8],
    ["2018-11-30", 4.5],
    ["2020-06-30", 1.7],
    ["2022-08-31", 9.3],
    ["2023-03-31", 2.1],
    ["2024-08-31", 2.1],
  ],
  gold: [
    ["1999-01-31", 287],
    ["2001-03-31", 260],
    ["2005-12-31", 510],
    ["2008-03-31", 970],
    ["2008-10-31", 730],
    ["2011-08-31", 1800],
    ["2013-06-30", 1230],
    ["2015-12-31", 1060],
    ["2019-06-30", 1400],
    ["2020-08-31", 1970],
    ["2022-09-30", 1660],
    ["2023-12-31", 2060],
    ["2024-08-31", 2500],
  ],
  eur: [
    ["1999-01-31", 1.16],
    ["1999-12-31", 1.007],
    ["2000-10-31", 0.85],
    ["2002-01-31", 0.86],
    ["2004-12-31", 1.36],
    ["2008-06-30", 1.57],
    ["2010-06-30", 1.22],
    ["2011-04-30", 1.48],
    ["2015-03-31", 1.08],
    ["2018-02-28", 1.24],
    ["2020-03-31", 1.1],
    ["2021-05-31", 1.22],
    ["2022-09-30", 0.98],
    ["2024-08-31", 1.1],
  ],
} satisfies Record<string, Anchors>;

/** One-off values (release-like shocks) that override the generated macro values. */
const MACRO_OVERRIDES: Record<string, Record<string, number>> = {
  "USGPCS=ECI": { "2020-04-30": -12.4, "2020-05-31": 8.6 },
  "USFOUT=ECI": { "2020-04-30": -15.5, "2020-05-31": 7.4 },
  "USGDPF=ECI": {
    "2008-12-31": -8.4,
    "2009-03-31": -4.6,
    "2020-06-30": -5.1,
    "2020-09-30": -31.2,
    "2020-12-31": 33.4,
  },
};

/** Step 1's output: the macro and market paths of the simulated months. */
export interface MacroPath {
  months: string[];
  /** series RIC -> value per simulated month, as written (rounded). */
  values: Record<string, number[]>;
  /** Market total return (percent) over each month. */
  market: number[];
}

/**
 * Step 1: the macro and market state of every month of `months` (anchor paths plus seeded AR(1)
 * noise from the `macro` stream, rounded as written; ".DJI" NaN until the constituents fill it).
 */
export function simulateMacro(rng: Rng, months: string[]): MacroPath {
  const n = months.length;
  const v: Record<string, number[]> = {};
  for (const s of [...MACRO_SERIES.map((m) => m.ric), ...MARKET_SERIES.map((m) => m.ric)]) v[s] = [];
  const market: number[] = [];
  let n3 = 0;
  let ns = 0;
  let nu = 0;
  let cpiDev = 0;
  let leadDev = 0;
  let lvDev = 0;
  let oilDev = 0;
  let gasDev = 0;
  let goldDev = 0;
  let eurDev = 0;
  let gdp = 2.5;
  let spx = 1280;
  let vixPrev = anchorAt(A.vix, months[0]);
  let oilPrev = anchorAt(A.oil, months[0]);
  for (let t = 0; t < n; t++) {
    const d = months[t];
    const month = parseIsoDate(d)!.month;
    // commodities and FX: log deviation AR(1) around the anchor path
    oilDev = 0.8 * oilDev + 0.07 * rng.normal();
    gasDev = 0.7 * gasDev + 0.12 * rng.normal();
    goldDev = 0.8 * goldDev + 0.03 * rng.normal();
    eurDev = 0.75 * eurDev + 0.015 * rng.normal();
    const oil = anchorAt(A.oil, d) * Math.exp(oilDev);
    const oilRet = (oil / oilPrev - 1) * 100;
    oilPrev = oil;
    // inflation, labour, activity
    cpiDev = 0.45 * cpiDev + 0.2 * rng.normal();
    const cpi = rounded(anchorAt(A.cpi, d) + cpiDev + 0.015 * oilRet, 1);
    const core = rounded(0.18 + 0.3 * (cpi - 0.2) + 0.08 * rng.normal(), 1);
    nu = 0.7 * nu + 0.08 * rng.normal();
    const unr = rounded(Math.max(2.5, anchorAt(A.unr, d) + nu), 1);
    const cons = rounded(0.4 + 0.35 * rng.normal(), 1);
    leadDev = 0.5 * leadDev + 0.4 * rng.normal();
    const lead = rounded(anchorAt(A.lead, d) + leadDev, 1);
    if (month % 3 === 0) gdp = 2.5 + 2.2 * rng.normal();
    const fout = rounded(0.1 + 0.7 * rng.normal(), 1);
    // rates
    n3 = 0.8 * n3 + 0.12 * rng.normal();
    ns = 0.85 * ns + 0.18 * rng.normal();
    const y3 = Math.max(0.01, anchorAt(A.y3, d) + n3);
    const y6 = Math.max(0.02, y3 + 0.06 + 0.04 * rng.normal());
    const y10 = Math.max(0.5, y3 + anchorAt(A.slope, d) + ns);
    // volatility and the market
    lvDev = 0.6 * lvDev + 0.12 * rng.normal();
    const vix = anchorAt(A.vix, d) * Math.exp(lvDev);
    const m = 0.6 + ((0.75 * vixPrev) / Math.sqrt(12)) * rng.studentT(5) - 8 * Math.log(vix / vixPrev);
    vixPrev = vix;
    market.push(m);
    spx *= 1 + (m - 0.15 + 0.9 * rng.normal()) / 100;

    const put = (ric: string, value: number, decimals: number) => {
      const o = MACRO_OVERRIDES[ric]?.[d];
      v[ric].push(rounded(o ?? value, decimals));
    };
    put("USCPI=ECI", cpi, 1);
    put("USUNR=ECI", unr, 1);
    put("USGPCS=ECI", cons, 1);
    put("USLEAD=ECI", lead, 1);
    put("USCPF=ECI", core, 1);
    put("USGDPF=ECI", gdp, 1);
    put("USFOUT=ECI", fout, 1);
    put("EUR=", anchorAt(A.eur, d) * Math.exp(eurDev), 4);
    put(".VIX", vix, 2);
    put(".SPX", spx, 2);
    v[".DJI"].push(Number.NaN); // filled from the constituents later
    put("US3MT=RR", y3, 3);
    put("US6MT=RR", y6, 3);
    put("US10YT=RR", y10, 3);
    put("LCOc1", oil, 2);
    put("NGc1", anchorAt(A.gas, d) * Math.exp(gasDev), 3);
    put("GCc1", anchorAt(A.gold, d) * Math.exp(goldDev), 2);
  }
  return { months, values: v, market };
}

/** Planted premia λ*_f (percent) for the month after month index `t` of the macro path. */
export function plantedPremia(values: Record<string, number[]>, t: number, eta: readonly number[]): number[] {
  const dr = PLANTED.drivers;
  const a = (values[dr.a.ric][t] - dr.a.centre) / dr.a.scale;
  const y = values[dr.b.ric];
  const b = (t > 0 ? (y[t] / y[t - 1] - 1 - dr.b.centre) / dr.b.scale : 0) || 0;
  const c = (values[dr.c.ric][t] - dr.c.centre) / dr.c.scale;
  return PLANTED.factors.map((f, k) => {
    const th = PLANTED.theta[f];
    return PLANTED.kappa * (th[0] * a + th[1] * b + th[2] * c) + PLANTED.noise * eta[k];
  });
}

// ---------------------------------------------------------------------------------------------
// Companies

/** A company of the sample: the shared state, whether it is a financial, and its last two fiscal years. */
export interface SampleCompany extends CompanyState {
  fin: boolean;
  fy0?: FiscalYear;
  fy1?: FiscalYear;
}

/** Percent per month of return per unit of ln(market cap / common path) (mean reversion of size). */
const PULL = 0.5;

/** The ROA level (percent) a company's ROA reverts to: 1.3 for financials, 8 otherwise. */
const sectorRoa = (c: SampleCompany) => (c.fin ? 1.3 : 8);

const LOW_DEBT = new Set(["MSFT.OQ", "INTC.OQ", "CSCO.OQ", "AAPL.OQ"]);
const CUSTOMER_ADVANCES = new Set(["BA.N", "CAT.N", "GE.N", "UTX.N^D20", "HON.N", "HON.OQ"]);
const PREFERRED = new Set(["C.N", "BAC.N", "GS.N", "AIG.N", "JPM.N"]);

function newCompany(rng: Rng, ric: string): SampleCompany {
  const sector = SECTORS[ric];
  const fin = sector === "Financials";
  const u = () => rng.uniform();
  const mcap = Math.exp(Math.log(9e10) + 0.7 * rng.normal());
  const s2p = Math.exp(Math.log(fin ? 0.3 : 0.45) + 0.5 * rng.normal());
  return {
    ric,
    sector,
    fin,
    payer: !NON_PAYERS.includes(ric),
    beta: 0.7 + 0.6 * u(),
    sigma: 3.5 + 2.5 * u(),
    reportMonth: [2, 2, 3, 3, 3, 4, 8][rng.int(0, 6)],
    mcap,
    rev: mcap * s2p,
    atLevel: fin ? 0.08 + 0.12 * u() : 0.4 + 0.8 * u(),
    roaLevel: fin ? 0.8 + 1.2 * u() : 4 + 9 * u(),
    debtRatio: fin ? 0.2 + 0.2 * u() : LOW_DEBT.has(ric) ? 0.004 + 0.01 * u() : 0.12 + 0.25 * u(),
    liabRatio: fin ? 0.86 + 0.06 * u() : 0.45 + 0.3 * u(),
    caRatio: 0.2 + 0.25 * u(),
    clRatio: 0.12 + 0.15 * u(),
    invRatio: fin ? 0.2 + 0.2 * u() : 0.01 + 0.08 * u(),
    cashRatio: fin ? 0.15 + 0.2 * u() : 0.03 + 0.12 * u(),
    payout: 0.2 + 0.4 * u(),
    mcapAtLastFy: mcap,
    dividends: 0,
    returns: [],
  };
}

/** The sample's constants of the shared fiscal-year step (monthly-common.ts `nextFiscalYear`). */
const FISCAL_YEAR: FiscalYearConstants = Object.freeze({
  revDrift: 0.02,
  revNoise: 0.08,
  atNoise: 0.08,
  roaPersistence: 0.7,
  roaNoiseFin: 0.4,
  roaNoise: 2.0,
  debtRatioMin: 0.001,
  debtRatioMax: Number.POSITIVE_INFINITY,
  caRatioMin: 0.05,
  caRatioMax: 0.7,
  clRatioMin: 0.05,
  clRatioMax: 0.6,
  cfAccrual: 0.045,
  custShare: 0.04,
  custNoise: 0.2,
  prefShare: 0.003,
  liabOverDebt: 0.1,
  invLtShare: 0.6,
  invLtNoise: 0,
  debtLtMin: 0.65,
  debtLtSpan: 0.25,
  divFloor: 0.01,
  divCap: 0.05,
});

/**
 * A new fiscal year's FY0 figures (USD; ROA percent) by the shared step, with the rare planted
 * extreme value drawn after it (dividends are those of the unchanged net income).
 */
function nextSampleFiscalYear(rng: Rng, c: SampleCompany, sectorRoa: number): FiscalYear {
  const f = nextFiscalYear(rng, c, FISCAL_YEAR, {
    financial: c.fin,
    roaMean: sectorRoa,
    noCurrent: c.fin,
    hasCust: CUSTOMER_ADVANCES.has(c.ric),
    hasPref: PREFERRED.has(c.ric),
    hasInvLt: !c.fin,
    debtFree: false,
    prevTa: c.fy0?.ta,
  });
  if (rng.uniform() < 0.02) {
    // a planted extreme: write-down, near-zero debt, cash-flow spike or asset-turnover jump
    const kind = rng.int(0, 3);
    if (kind === 0) f.ni = -Math.abs(f.ni) * (8 + 8 * rng.uniform());
    else if (kind === 1) f.debt *= 0.002;
    else if (kind === 2) f.cf *= 12 + 10 * rng.uniform();
    else f.at *= 6 + 6 * rng.uniform();
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// The article's factor portfolios, approximated for planting (In[8]-In[17]; z-scores standardised
// and clipped at ±3 up to four times, until no value is beyond ±3).

function zscores(x: readonly number[]): number[] {
  const idx = x.map((v, i) => (Number.isFinite(v) ? i : -1)).filter((i) => i >= 0);
  const out = x.map(() => Number.NaN);
  if (idx.length < 2) return out;
  let vals = idx.map((i) => x[i]);
  for (let pass = 0; pass < 4; pass++) {
    const m = mean(vals);
    const sd = populationStd(vals);
    vals = vals.map((v) => (sd > 0 ? (v - m) / sd : 0));
    if (vals.every((v) => Math.abs(v) <= 3)) break;
    vals = vals.map((v) => Math.max(-3, Math.min(3, v)));
  }
  idx.forEach((i, k) => {
    out[i] = vals[k];
  });
  return out;
}

function nanMean(xs: number[]): number {
  return mean(xs.filter(Number.isFinite)); // NaN when none is finite
}

/** Softmax weights of the six label factors (PLANTED.factors order) across the given rows. */
function factorWeights(rows: readonly Record<string, number | string>[]): number[][] {
  const g = (r: Record<string, number | string>, c: string) => r[c] as number;
  const comp = {
    roa: rows.map((r) => g(r, "TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)")),
    atd: rows.map((r) => g(r, "TR.F.ASSETTURNOVER(PERIOD=FY0)") - g(r, "TR.F.ASSETTURNOVER(PERIOD=FY-1)")),
    acc: rows.map((r) => {
      const wk = g(r, "TR.F.WKGCAP(PERIOD=FY0)") - g(r, "TR.F.WKGCAP(PERIOD=FY-1)");
      const fin =
        g(r, "TR.F.INVSTTOT(PERIOD=FY0)") -
        g(r, "TR.F.DEBTTOT(PERIOD=FY0)") -
        (g(r, "TR.F.INVSTTOT(PERIOD=FY-1)") - g(r, "TR.F.DEBTTOT(PERIOD=FY-1)"));
      return -(wk + fin) / g(r, "TR.F.TOTASSETS(PERIOD=FY0)");
    }),
    lev: rows.map((r) => g(r, "TR.F.NETCASHFLOWOP(PERIOD=FY0)") / g(r, "TR.F.DEBTTOT(PERIOD=FY0)")),
    size: rows.map((r) => Math.log(g(r, "TR.COMPANYMARKETCAP"))),
    cfy: rows.map((r) => g(r, "TR.F.CF(PERIOD=FY0)") / g(r, "TR.COMPANYMARKETCAP")),
    ey: rows.map((r) => g(r, "TR.NETINCOME(PERIOD=FY0)") / g(r, "TR.COMPANYMARKETCAP")),
    sp: rows.map((r) => g(r, "TR.REVENUE(PERIOD=FY0)") / g(r, "TR.COMPANYMARKETCAP")),
    yld: rows.map((r) => Math.log(g(r, "TR.DIVIDENDYIELD"))),
  };
  const z = Object.fromEntries(Object.entries(comp).map(([k, v]) => [k, zscores(v)])) as Record<string, number[]>;
  const n = rows.length;
  const scores: Record<string, number[]> = {
    value: [],
    quality: [],
    leverage: [],
    yield: [],
    profitability: [],
    size: [],
  };
  for (let i = 0; i < n; i++) {
    const prof = nanMean([z.roa[i], z.atd[i], z.acc[i]]);
    const fin = rows[i]["TR.TRBCECONOMICSECTOR"] === "Financials";
    const quality = fin ? (rows[i]["TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)"] as number) : nanMean([prof, z.lev[i]]);
    const fill = (v: number, d = 0) => (Number.isFinite(v) ? v : d);
    scores.value.push(fill(nanMean([z.cfy[i], z.ey[i], z.sp[i]])));
    scores.quality.push(fill(quality));
    scores.leverage.push(fill(z.lev[i]));
    scores.yield.push(fill(z.yld[i], -3));
    scores.profitability.push(fill(prof));
    scores.size.push(fill(z.size[i]));
  }
  return PLANTED.factors.map((f) => {
    const s = scores[f];
    const mx = Math.max(...s);
    const e = s.map((v) => Math.exp(v - mx));
    const tot = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / tot);
  });
}

/** Solve (M) x = y for a small dense system by Gaussian elimination with partial pivoting. */
function solve(M: number[][], y: number[]): number[] {
  const n = y.length;
  const a = M.map((row, i) => [...row, y[i]]);
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[p][col])) p = r;
    [a[col], a[p]] = [a[p], a[col]];
    const piv = a[col][col];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / piv;
      for (let k = col; k <= n; k++) a[r][k] -= f * a[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

/** Per-stock planted return (percent) so that factor portfolio f earns about premia[f]. */
function plantedReturns(weights: number[][], premia: number[]): number[] {
  const n = weights[0].length;
  const tilts = weights.map((w) => w.map((v) => n * v - 1));
  const C = weights.map((wf, f) =>
    tilts.map((xg, g) => wf.reduce((s, w, i) => s + w * xg[i], 0) + (f === g ? PLANTED.ridge : 0)),
  );
  const lambda = solve(C, premia);
  return Array.from({ length: n }, (_, i) => {
    const r = tilts.reduce((s, x, g) => s + lambda[g] * x[i], 0);
    return Math.max(-15, Math.min(15, r));
  });
}

// ---------------------------------------------------------------------------------------------

/** File name -> CSV text of the sample (constituents, fields, history, display names). */
export type SampleFiles = GeneratedFiles;

/** The sample's index membership: the dated lists (In[3]) and the members at any month end. */
export interface SampleMembership {
  /** The constituent lists, one row per (list date, RIC), as constituents.csv holds them. */
  changes: { Date: string; RIC: string }[];
  /** The members at month end `d` (the first list before the first month of the membership). */
  membersAt: (d: string) => string[];
}

/** The Dow-like membership (universe.ts) month by month up to `seriesEnd`, by the In[7] rule. */
export function sampleMembership(seriesEnd: string = SAMPLE_CALENDAR.seriesEnd): SampleMembership {
  const changes = dowLikeConstituents();
  const membership = new Map(monthlyMembership(changes, seriesEnd).map((m) => [m.Date, m.RIC]));
  const firstList = changes.filter((c) => c.Date === changes[0].Date).map((c) => c.RIC);
  return { changes, membersAt: (d: string) => membership.get(d) ?? firstList };
}

/**
 * Step 2, the start: every company that is ever a member (`allMembers`, in that order) with its
 * latent levels, then FY-1 and FY0 drawn for each in turn (all from the `companies` stream).
 */
export function sampleCompanies(rng: Rng): Map<string, SampleCompany> {
  const companies = new Map(allMembers().map((r) => [r, newCompany(rng, r)]));
  for (const c of companies.values()) {
    c.fy1 = nextSampleFiscalYear(rng, c, sectorRoa(c));
    c.fy0 = nextSampleFiscalYear(rng, c, sectorRoa(c));
  }
  return companies;
}

/**
 * Step 4, dividend gaps: the month ends of `months` from `from` on without any dividend yield,
 * each with probability 5 % (one uniform draw per such month, in order).
 */
export function dividendGapMonths(rng: Rng, months: readonly string[], from: string): Set<string> {
  return new Set(months.filter((d) => d >= from && rng.uniform() < 0.05));
}

/**
 * Step 3: the planted part of each member's return over month t (percent), from the factor
 * portfolios of the members in `previousRows` (the field rows of month t − 1) and the premia
 * planted for month t by the macro state at t − 1 (`plantedPremia` with the noise `eta`).
 */
export function plantedStockReturns(
  previousRows: readonly FieldCells[],
  members: readonly string[],
  macroValues: Record<string, number[]>,
  t: number,
  eta: readonly number[],
): Map<string, number> {
  const rowsFor = members.map((r) => previousRows.find((x) => x.Instrument === r)!);
  const p = plantedReturns(factorWeights(rowsFor), plantedPremia(macroValues, t - 1, eta));
  return new Map(members.map((r, i) => [r, p[i]]));
}

/** The random streams one month of the companies draws from. */
export type SampleMonthStreams = Record<"companies" | "returns" | "gaps", Rng>;

/**
 * Steps 2–4 for one company over month `t` (ending `date`): a new fiscal year in its reporting
 * month; the total return R = β·m + pull + planted + σ·t₅ (floored at −60 %), the price return
 * R − dividend yield / 12 that moves the market cap; and its field row, with the dividend yield
 * missing for non-payers and in `dividendYieldMissing` months and the occasional (0.3 %) missing
 * cell. Updates `company` in place.
 */
export function companyMonth(
  rng: SampleMonthStreams,
  company: SampleCompany,
  month: { t: number; date: string; marketReturn: number; planted: number; dividendYieldMissing: boolean },
): { row: FieldCells; total: number; price: number } {
  const c = company;
  const { t, date: d } = month;
  if (parseIsoDate(d)!.month === c.reportMonth) {
    c.fy1 = c.fy0;
    c.fy0 = nextSampleFiscalYear(rng.companies, c, sectorRoa(c));
  }
  const dyPct = c.payer ? (c.dividends / c.mcap) * 100 : 0;
  // a weak pull of market cap towards a common path keeps sizes in a realistic range
  const pull = -PULL * Math.log(c.mcap / (9e10 * Math.exp((0.06 * t) / 12)));
  const r = c.beta * month.marketReturn + pull + month.planted + c.sigma * rng.returns.studentT(5);
  const total = Math.max(-60, r);
  const price = total - dyPct / 12;
  c.mcap *= (1 + price / 100) * Math.exp(0.002 * rng.returns.normal());
  c.returns.push(total);
  const f0 = c.fy0!;
  const f1 = c.fy1!;
  const dyMissing = !c.payer || month.dividendYieldMissing;
  const row: FieldCells = {
    Instrument: c.ric,
    "TR.TRBCECONOMICSECTOR": c.sector,
    "TR.TOTALRETURN1MO": total,
    "TR.TOTALRETURN52WK": trailingReturnPct(c.returns),
    ...fundamentalCells((key, year) => (year === 0 ? f0 : f1)[key]),
    "TR.COMPANYMARKETCAP": c.mcap,
    "TR.DIVIDENDYIELD": dyMissing ? Number.NaN : (c.dividends / c.mcap) * 100,
    Date: d,
  };
  // occasional missing cells (never the return, market cap or sector)
  for (const col of FIELD_COLUMNS) {
    if (col === "TR.TRBCECONOMICSECTOR" || col === "TR.TOTALRETURN1MO" || col === "TR.COMPANYMARKETCAP") continue;
    if (rng.gaps.uniform() < 0.003) row[col] = Number.NaN;
  }
  return { row, total, price };
}

/**
 * Steps 2–4 month by month over `months`: the planted returns from the previous month's rows, every
 * company's month (`companyMonth`, in `companies` order), and the index level — the equal-weighted
 * price return of the members, from 9358. Returns the field rows by month end and the index levels.
 */
export function simulateSampleMonths(
  rng: SampleMonthStreams,
  months: readonly string[],
  membersAt: (d: string) => string[],
  companies: ReadonlyMap<string, SampleCompany>,
  macro: MacroPath,
  dividendGaps: ReadonlySet<string>,
): { rowsByMonth: Map<string, FieldCells[]>; dji: number[] } {
  const rowsByMonth = new Map<string, FieldCells[]>();
  const dji: number[] = [];
  let djiLevel = 9358;
  let prevRows: FieldCells[] | undefined;
  for (let t = 0; t < months.length; t++) {
    const d = months[t];
    const members = membersAt(d);
    // returns over month t: planted part from the portfolios at the end of month t-1
    const eta = PLANTED.factors.map(() => rng.returns.normal());
    const planted =
      t > 0 && prevRows ? plantedStockReturns(prevRows, members, macro.values, t, eta) : new Map<string, number>();
    const dividendYieldMissing = d < SAMPLE_CALENDAR.dividendYieldFrom || dividendGaps.has(d);
    let djiSum = 0;
    const rows: FieldCells[] = [];
    for (const c of companies.values()) {
      const m = companyMonth(rng, c, {
        t,
        date: d,
        marketReturn: macro.market[t],
        planted: planted.get(c.ric) ?? 0,
        dividendYieldMissing,
      });
      if (members.includes(c.ric)) djiSum += m.price;
      rows.push(m.row);
    }
    djiLevel *= 1 + djiSum / members.length / 100;
    dji.push(djiLevel);
    rowsByMonth.set(d, rows);
    prevRows = rows;
  }
  return { rowsByMonth, dji };
}

/**
 * The four files: constituents.csv (the dated lists), fields.csv (the members' rows for the
 * calendar's field months, 7 significant digits), history.csv (macro and market series over the
 * calendar's series months, `macro.values` including ".DJI") and display_names.csv.
 */
export function sampleFiles(
  membership: SampleMembership,
  rowsByMonth: ReadonlyMap<string, readonly FieldCells[]>,
  macro: MacroPath,
): SampleFiles {
  const cal = SAMPLE_CALENDAR;
  return {
    "constituents.csv": formatCsv(
      ["Index", "Date", "RIC"],
      membership.changes.map((c) => [".DJI", c.Date, c.RIC]),
    ),
    "fields.csv": fieldsCsv(
      monthEndsBetween(cal.fieldsStart, cal.fieldsEnd),
      membership.membersAt,
      (d, ric) => rowsByMonth.get(d)!.find((x) => x.Instrument === ric)!,
      () => 7,
    ),
    "history.csv": historyCsv([...MACRO_HISTORY_SERIES, ...MARKET_SERIES], macro.months, macro.values, () => ({
      first: cal.seriesStart,
      last: cal.seriesEnd,
    })),
    "display_names.csv": displayNamesCsv([...MACRO_SERIES, ...MARKET_SERIES]),
  };
}

/**
 * Generate the embedded sample. Pure and deterministic: the same seed gives byte-identical files
 * on every machine. Numbers: amounts in USD rounded to the million and written as integers;
 * percentages, ratios and market cap with 7 significant digits; macro values with 1 decimal;
 * missing numbers as empty cells.
 */
export function generateSample(seed: number = SAMPLE_SEED): SampleFiles {
  const rng = rngStreams(seed, ["macro", "companies", "returns", "gaps"]);
  const cal = SAMPLE_CALENDAR;
  const months = monthEndsBetween(cal.simulationStart, cal.seriesEnd);
  const macro = simulateMacro(rng.macro, months); // 1
  const membership = sampleMembership(cal.seriesEnd);
  const companies = sampleCompanies(rng.companies); // 2
  const gaps = dividendGapMonths(rng.gaps, months, cal.dividendYieldFrom); // 4
  const { rowsByMonth, dji } = simulateSampleMonths(rng, months, membership.membersAt, companies, macro, gaps); // 2-4
  macro.values[".DJI"] = dji.map((x) => rounded(x, 2));
  return sampleFiles(membership, rowsByMonth, macro);
}
