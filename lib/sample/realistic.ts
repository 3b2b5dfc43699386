/**
 * Generator of the second embedded data set, data/realistic: a seeded, byte-reproducible folder in
 * the CSV schema of data/README.md that looks like a real export rather than a clean simulation —
 * another index (.RLX100, made up), another calendar, about 100 members with rank-based turnover,
 * ragged history series and the gaps real exports have. NOTHING here is market data: the tickers
 * are random letter strings, every number is drawn from `createRng` (lib/random.ts).
 *
 * Generating process, month by month from a burn-in year before the first field month (details,
 * constants and what the pipeline finds in data/realistic/README.md):
 * 1. Macro and market state: the same series codes as the sample (`MACRO_SERIES`, `MARKET_SERIES`
 *    of monthly-common.ts, without .DJI), each a hand-drawn anchor path with the rough shape of
 *    2007-2024 plus seeded AR(1) noise, rounded as LSEG prints them. Market total return
 *    (percent) m_t = 0.15 + g_t − 0.03·gap_{t−1} + 0.8·VIX_{t−1}/√12·t₅ − 7·ln(VIX_t / VIX_{t−1}),
 *    g_t the monthly log change (×100) of the .SPX anchor path and gap the log distance (×100) of
 *    .SPX from it; .SPX compounds m_t minus 0.15 pp plus noise.
 * 2. Companies (USD): annual fundamentals updated in the company's reporting month (FY-1 = the
 *    previous FY0; a new listing has no FY-1 until its first report), each field of a fiscal year
 *    missing with probability 2 %, structural gaps by sector (Financials and Real Estate have no
 *    current assets / liabilities / working capital; customer advances, preferred stock and
 *    long-term investments only where the business has them).
 * 3. Returns (percent, total return over the month): R_i = β_i·m + s_sector + Σ_k x_ik·f_k
 *    − 0.25·(ln cap_i − target_i) + σ_i·t₅, with five latent styles k (value, size, quality,
 *    momentum, low risk) whose exposures x are cross-sectional z-scores of last month's
 *    characteristics, and style returns f_k drawn independently every month (small constant
 *    means). There is NO planted relation between the macro series and the factor that wins next
 *    month: the best factor is unpredictable by construction, apart from what the faithful
 *    pipeline's look-ahead (erratum E7) can read from next month's market moves.
 * 4. Index: 100 members chosen by market cap at quarterly reviews (effective the Monday after the
 *    third Friday of March, June, September, December) with a buffer (members below rank 120
 *    leave, non-members above rank 80 join), acquisitions on mid-month dates replaced the same
 *    day, spin-offs that join on their listing day (the index then has 101 members until the
 *    next review), names that leave and come back. Acquired companies carry LSEG's delisted
 *    suffix (^ + month letter + year). The index level (.RLX100 TR.PriceClose) is the cap-weighted
 *    price return of the members at the previous month end.
 * 5. Export gaps on purpose: the one-month return is missing in a spin-off's listing month and
 *    for a few random stock-months; the 52-week return for the first twelve months after a
 *    listing; the dividend yield for non-payers (two of them report 0 instead), and for every
 *    company in two months (a failed field); two debt-free companies report total debt 0.
 * 6. Ragged history (`REALISTIC_RAGGED`): US6MT=RR starts later and NGc1 ends earlier than the
 *    other series; everything else covers what the article's requests ask for (macro and bonds
 *    from the month before the first field month, FX / index / commodities to one month after
 *    the last).
 *
 * Number formats: USD amounts rounded to the million, written as integers; market cap with 7
 * significant digits; returns, ratios and dividend yields with 6; series with the sample's
 * decimals; missing numbers as empty cells.
 */

import { formatCsv } from "../data/csv";
import {
  addMonths,
  civilDayNumber,
  daysInMonth,
  formatIsoDate,
  monthEndsBetween,
  parseIsoDate,
  weekdayOfDayNumber,
} from "../data/dates";
import { monthlyMembership } from "../data/membership";
import { DEFAULT_RELEASE_LAGS } from "../features/release-lags";
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
  type FundamentalKey,
  fieldsCsv,
  fundamentalCells,
  type GeneratedFiles,
  type HistorySeries,
  historyCsv,
  MACRO_HISTORY_SERIES,
  MARKET_SERIES,
  nextFiscalYear,
  rngStreams,
  rounded,
  trailingReturnPct,
} from "./monthly-common";

/** Default seed of the realistic data set. */
export const REALISTIC_SEED = 20231231;

/** The made-up index of the realistic data set. */
export const REALISTIC_INDEX = ".RLX100";

/** Calendar of the realistic data set (ISO month ends unless said otherwise). */
export const REALISTIC_CALENDAR = Object.freeze({
  /** First simulated month (burn-in for the 52-week return; not written). */
  simulationStart: "2012-01-31",
  /** First constituent list (the list in force at the study start, dated at the start). */
  constituentsStart: "2013-01-01",
  /** fields.csv covers these month ends, both inclusive. */
  fieldsStart: "2013-01-31",
  fieldsEnd: "2023-12-31",
  /** history.csv: first and last month end of the complete series. */
  seriesStart: "2012-12-31",
  seriesEnd: "2024-01-31",
});

/** The deliberately ragged series: first / last month end written (the others: seriesStart .. seriesEnd). */
export const REALISTIC_RAGGED: Readonly<Record<string, { first?: string; last?: string }>> = Object.freeze({
  "US6MT=RR": { first: "2013-04-30" },
  NGc1: { last: "2023-09-30" },
});

/** Parameters of a study on the realistic data set (see data/realistic/README.md). */
export const REALISTIC_STUDY = Object.freeze({
  indexRic: REALISTIC_INDEX,
  start: "2013-01-01",
  end: "2023-12-31",
  split: "2020-01-01",
  rfe: 12,
});

/**
 * release_lags.csv of the folder: the publication lag (months) of each macro series as the export
 * records it — the default table of lib/features/release-lags.ts, written out so that the folder
 * documents its own timing.
 */
export const REALISTIC_RELEASE_LAGS: Readonly<Record<string, number>> = DEFAULT_RELEASE_LAGS;

/** Months in which TR.DIVIDENDYIELD failed for every company (an export glitch). */
export const REALISTIC_DY_GAP_MONTHS: readonly string[] = Object.freeze(["2014-05-31", "2019-11-30"]);

/** The sentence that says where the realistic data comes from (the sample's has its own). */
export const REALISTIC_PROVENANCE =
  "Every value in data/realistic is synthetic — generated by a seeded program (lib/sample/realistic.ts, npm run data:generate); the tickers are random letters, there is no planted relation between the macro series and the best factor, and nothing here is market data.";

/** Display names and decimals of the series of history.csv (the sample's, .DJI replaced by the index). */
export const REALISTIC_SERIES: readonly HistorySeries[] = Object.freeze([
  ...MACRO_HISTORY_SERIES,
  ...MARKET_SERIES.filter((m) => m.ric !== ".DJI"),
  { ric: REALISTIC_INDEX, field: "TR.PriceClose", name: "RLX 100 Price Index (synthetic)", decimals: 2 },
]);

const SECTOR_MIX: readonly (readonly [string, number])[] = [
  ["Technology", 20],
  ["Financials", 19],
  ["Industrials", 18],
  ["Healthcare", 16],
  ["Consumer Cyclicals", 16],
  ["Consumer Non-Cyclicals", 11],
  ["Energy", 8],
  ["Basic Materials", 8],
  ["Utilities", 7],
  ["Real Estate", 7],
];

const A = {
  y3: [
    ["2007-01-31", 5.0],
    ["2007-08-31", 4.2],
    ["2008-03-31", 1.4],
    ["2008-12-31", 0.05],
    ["2015-11-30", 0.1],
    ["2016-12-31", 0.5],
    ["2019-01-31", 2.4],
    ["2019-12-31", 1.55],
    ["2020-04-30", 0.1],
    ["2022-02-28", 0.35],
    ["2022-12-31", 4.3],
    ["2023-07-31", 5.4],
    ["2024-01-31", 5.35],
  ],
  slope: [
    ["2007-01-31", 0.1],
    ["2007-07-31", 0.3],
    ["2008-12-31", 2.2],
    ["2010-03-31", 3.6],
    ["2012-07-31", 1.4],
    ["2013-12-31", 2.9],
    ["2016-07-31", 1.3],
    ["2018-12-31", 0.3],
    ["2019-08-31", -0.3],
    ["2020-04-30", 0.6],
    ["2021-03-31", 1.7],
    ["2022-10-31", -0.1],
    ["2023-05-31", -1.7],
    ["2024-01-31", -1.3],
  ],
  unr: [
    ["2007-01-31", 4.5],
    ["2009-10-31", 10.0],
    ["2015-06-30", 5.3],
    ["2019-09-30", 3.5],
    ["2020-03-31", 4.4],
    ["2020-04-30", 14.7],
    ["2020-12-31", 6.7],
    ["2022-06-30", 3.6],
    ["2024-01-31", 3.8],
  ],
  cpi: [
    ["2007-01-31", 0.25],
    ["2008-07-31", 0.5],
    ["2008-11-30", -1.0],
    ["2009-03-31", 0.2],
    ["2021-02-28", 0.3],
    ["2021-06-30", 0.7],
    ["2022-06-30", 0.9],
    ["2022-09-30", 0.3],
    ["2024-01-31", 0.25],
  ],
  lead: [
    ["2007-01-31", 0.0],
    ["2008-10-31", -0.9],
    ["2009-06-30", 0.8],
    ["2010-06-30", 0.2],
    ["2020-03-31", -0.6],
    ["2020-04-30", -5.5],
    ["2020-06-30", 2.2],
    ["2020-12-31", 0.5],
    ["2022-06-30", -0.5],
    ["2024-01-31", -0.4],
  ],
  spx: [
    ["2011-12-31", 1260],
    ["2013-12-31", 1840],
    ["2015-06-30", 2080],
    ["2016-02-29", 1930],
    ["2018-01-31", 2820],
    ["2018-12-31", 2500],
    ["2020-01-31", 3230],
    ["2020-03-31", 2580],
    ["2021-12-31", 4770],
    ["2022-09-30", 3590],
    ["2023-07-31", 4590],
    ["2023-10-31", 4190],
    ["2024-01-31", 4850],
  ],
  vix: [
    ["2007-01-31", 12],
    ["2007-08-31", 24],
    ["2008-10-31", 58],
    ["2009-06-30", 27],
    ["2010-05-31", 30],
    ["2011-08-31", 34],
    ["2012-12-31", 17],
    ["2014-06-30", 12],
    ["2015-08-31", 24],
    ["2017-06-30", 10],
    ["2018-12-31", 25],
    ["2019-12-31", 14],
    ["2020-03-31", 55],
    ["2020-12-31", 22],
    ["2022-06-30", 28],
    ["2023-06-30", 14],
    ["2024-01-31", 13],
  ],
  oil: [
    ["2007-01-31", 55],
    ["2008-06-30", 133],
    ["2008-12-31", 42],
    ["2011-04-30", 122],
    ["2014-06-30", 112],
    ["2016-01-31", 32],
    ["2018-09-30", 82],
    ["2019-12-31", 66],
    ["2020-04-30", 24],
    ["2022-06-30", 118],
    ["2023-06-30", 75],
    ["2024-01-31", 79],
  ],
  gas: [
    ["2007-01-31", 6.5],
    ["2008-06-30", 12.7],
    ["2009-09-30", 3.2],
    ["2012-04-30", 2],
    ["2014-02-28", 5.3],
    ["2016-03-31", 1.8],
    ["2018-11-30", 4.4],
    ["2020-06-30", 1.7],
    ["2022-08-31", 9],
    ["2023-03-31", 2.2],
    ["2024-01-31", 2.5],
  ],
  gold: [
    ["2007-01-31", 650],
    ["2008-03-31", 960],
    ["2008-10-31", 740],
    ["2011-08-31", 1780],
    ["2013-06-30", 1240],
    ["2015-12-31", 1070],
    ["2019-06-30", 1400],
    ["2020-08-31", 1960],
    ["2022-09-30", 1670],
    ["2023-12-31", 2060],
    ["2024-01-31", 2040],
  ],
  eur: [
    ["2007-01-31", 1.3],
    ["2008-06-30", 1.56],
    ["2010-06-30", 1.22],
    ["2011-04-30", 1.46],
    ["2015-03-31", 1.08],
    ["2018-02-28", 1.23],
    ["2020-03-31", 1.1],
    ["2021-05-31", 1.21],
    ["2022-09-30", 0.98],
    ["2023-07-31", 1.1],
    ["2024-01-31", 1.09],
  ],
} satisfies Record<string, Anchors>;

/** The macro and market series per simulated month (as written), and the market return. */
function simulateMarket(rng: Rng, months: readonly string[]): { values: Record<string, number[]>; market: number[] } {
  const v: Record<string, number[]> = {};
  for (const s of REALISTIC_SERIES) v[s.ric] = [];
  const market: number[] = [];
  const ar = { n3: 0, ns: 0, nu: 0, cpi: 0, lead: 0, vol: 0, oil: 0, gas: 0, gold: 0, eur: 0 };
  let gdp = 2.2;
  let spx = anchorAt(A.spx, months[0]);
  let vixPrev = anchorAt(A.vix, months[0]);
  let oilPrev = anchorAt(A.oil, months[0]);
  for (const d of months) {
    const month = parseIsoDate(d)!.month;
    ar.oil = 0.8 * ar.oil + 0.08 * rng.normal();
    ar.gas = 0.7 * ar.gas + 0.13 * rng.normal();
    ar.gold = 0.85 * ar.gold + 0.03 * rng.normal();
    ar.eur = 0.8 * ar.eur + 0.014 * rng.normal();
    const oil = anchorAt(A.oil, d) * Math.exp(ar.oil);
    const oilRet = (oil / oilPrev - 1) * 100;
    oilPrev = oil;
    ar.cpi = 0.4 * ar.cpi + 0.18 * rng.normal();
    const cpi = anchorAt(A.cpi, d) + ar.cpi + 0.012 * oilRet;
    ar.nu = 0.75 * ar.nu + 0.07 * rng.normal();
    ar.lead = 0.5 * ar.lead + 0.35 * rng.normal();
    if (month % 3 === 0) gdp = 2.2 + 2.0 * rng.normal();
    ar.n3 = 0.8 * ar.n3 + 0.1 * rng.normal();
    ar.ns = 0.85 * ar.ns + 0.16 * rng.normal();
    const y3 = Math.max(0.01, anchorAt(A.y3, d) + ar.n3);
    ar.vol = 0.6 * ar.vol + 0.13 * rng.normal();
    const vix = anchorAt(A.vix, d) * Math.exp(ar.vol);
    // the drift follows the anchor path of .SPX, with a weak pull back to it (3 % of the gap a month)
    const drift = 100 * Math.log(anchorAt(A.spx, d) / anchorAt(A.spx, addMonths(d, -1)));
    const gap = 100 * Math.log(spx / anchorAt(A.spx, addMonths(d, -1)));
    const m =
      0.15 + drift - 0.03 * gap + ((0.8 * vixPrev) / Math.sqrt(12)) * rng.studentT(5) - 7 * Math.log(vix / vixPrev);
    vixPrev = vix;
    market.push(m);
    spx *= 1 + (m - 0.15 + 0.8 * rng.normal()) / 100;
    const put = (ric: string, x: number) => {
      const s = REALISTIC_SERIES.find((q) => q.ric === ric)!;
      v[ric].push(rounded(x, s.decimals));
    };
    put("USCPI=ECI", cpi);
    put("USUNR=ECI", Math.max(3, anchorAt(A.unr, d) + ar.nu));
    put("USGPCS=ECI", 0.35 + 0.3 * rng.normal());
    put("USLEAD=ECI", anchorAt(A.lead, d) + ar.lead);
    put("USCPF=ECI", 0.17 + 0.3 * (cpi - 0.2) + 0.07 * rng.normal());
    put("USGDPF=ECI", gdp);
    put("USFOUT=ECI", 0.1 + 0.6 * rng.normal());
    put("EUR=", anchorAt(A.eur, d) * Math.exp(ar.eur));
    put(".VIX", vix);
    put(".SPX", spx);
    put("US3MT=RR", y3);
    put("US6MT=RR", Math.max(0.02, y3 + 0.05 + 0.04 * rng.normal()));
    put("US10YT=RR", Math.max(0.5, y3 + anchorAt(A.slope, d) + ar.ns));
    put("LCOc1", oil);
    put("NGc1", anchorAt(A.gas, d) * Math.exp(ar.gas));
    put("GCc1", anchorAt(A.gold, d) * Math.exp(ar.gold));
    v[REALISTIC_INDEX].push(Number.NaN); // the members' cap-weighted price return, filled later
  }
  return { values: v, market };
}

// ---------------------------------------------------------------------------------------------
// Companies

/**
 * One fiscal year's figures (monthly-common.ts; NaN = the business has no such item) and the fields the
 * export leaves empty for that year (`gaps`, kept when FY0 becomes FY-1).
 */
type Fundamentals = FiscalYear & { gaps: ReadonlySet<FundamentalKey> };

interface Company extends CompanyState {
  /** no classified balance sheet (Financials, Real Estate) */
  noCurrent: boolean;
  /** month index of the listing (the first month with a full return is the next one) */
  listed: number;
  /** month index of the delisting (acquisition during that month); undefined = still listed */
  delisted?: number;
  /** joins the index on its listing day (spin-off) */
  spinOff: boolean;
  /** reports a dividend yield of 0 instead of leaving it empty (a non-payer) */
  zeroYield: boolean;
  /** reports total debt 0 */
  debtFree: boolean;
  hasCust: boolean;
  hasPref: boolean;
  hasInvLt: boolean;
  /** log market cap the size pull reverts to (plus a drift since the listing) */
  target: number;
  /** long-run ROA (percent) the ROA level reverts to */
  roaMean: number;
  fy0?: Fundamentals;
  fy1?: Fundamentals;
}

const MONTH_LETTERS = "ABCDEFGHIJKL";

/** Distinct random tickers: 2-4 letters plus .N (NYSE) or .OQ (Nasdaq). */
function tickerMaker(rng: Rng): () => string {
  const used = new Set<string>();
  const consonants = "BCDFGHJKLMNPRSTVWXZ";
  const vowels = "AEIOUY";
  return () => {
    for (;;) {
      const len = [3, 4, 4, 4, 2][rng.int(0, 4)];
      let s = "";
      for (let i = 0; i < len; i++) {
        const pool = i % 2 === 1 && rng.uniform() < 0.6 ? vowels : consonants;
        s += pool[rng.int(0, pool.length - 1)];
      }
      const ric = `${s}${rng.uniform() < 0.6 ? ".N" : ".OQ"}`;
      if (!used.has(ric)) {
        used.add(ric);
        return ric;
      }
    }
  };
}

function pickSector(rng: Rng): string {
  const total = SECTOR_MIX.reduce((s, [, w]) => s + w, 0);
  let u = rng.uniform() * total;
  for (const [s, w] of SECTOR_MIX) {
    u -= w;
    if (u < 0) return s;
  }
  return SECTOR_MIX[SECTOR_MIX.length - 1][0];
}

/** A company listed at month `t` with a market cap of about `cap` USD. */
function newCompany(rng: Rng, ric: string, t: number, cap: number, spinOff: boolean): Company {
  const sector = pickSector(rng);
  const fin = sector === "Financials";
  const reit = sector === "Real Estate";
  const util = sector === "Utilities";
  const tech = sector === "Technology" || sector === "Healthcare";
  const u = () => rng.uniform();
  const payer = tech ? u() < 0.45 : u() < 0.9;
  const s2p = Math.exp(Math.log(fin ? 0.35 : reit ? 0.15 : tech ? 0.22 : 0.6) + 0.45 * rng.normal());
  return {
    ric,
    sector,
    noCurrent: fin || reit,
    listed: t,
    spinOff,
    payer,
    zeroYield: false,
    debtFree: false,
    hasCust: (sector === "Industrials" && u() < 0.45) || (sector === "Technology" && u() < 0.15),
    hasPref: (fin && u() < 0.35) || (util && u() < 0.5) || (reit && u() < 0.4),
    hasInvLt: !fin && u() < 0.8,
    beta: Math.max(0.4, 1 + 0.25 * rng.normal() + (tech ? 0.15 : util ? -0.35 : 0)),
    sigma: 4 + 4 * u(),
    reportMonth: [2, 2, 2, 3, 3, 3, 4, 5, 7, 8, 10, 11][rng.int(0, 11)],
    mcap: cap,
    target: Math.log(cap) + 0.3 * rng.normal(),
    rev: cap * s2p,
    atLevel: fin ? 0.04 + 0.08 * u() : reit ? 0.08 + 0.06 * u() : util ? 0.25 + 0.15 * u() : 0.4 + 0.9 * u(),
    roaLevel: 0,
    roaMean: fin ? 0.7 + 0.9 * u() : reit ? 2 + 3 * u() : tech ? 2 + 12 * u() : 3 + 7 * u(),
    debtRatio: fin ? 0.15 + 0.2 * u() : reit || util ? 0.35 + 0.15 * u() : tech ? 0.03 + 0.15 * u() : 0.12 + 0.25 * u(),
    liabRatio: fin ? 0.86 + 0.07 * u() : reit ? 0.5 + 0.15 * u() : 0.4 + 0.35 * u(),
    caRatio: 0.2 + 0.3 * u(),
    clRatio: 0.1 + 0.18 * u(),
    invRatio: fin ? 0.15 + 0.3 * u() : 0.01 + 0.08 * u(),
    cashRatio: fin ? 0.05 + 0.15 * u() : 0.03 + 0.15 * u(),
    payout: 0.25 + 0.4 * u(),
    mcapAtLastFy: cap,
    dividends: 0,
    returns: [],
  };
}

/** The realistic set's constants of the shared fiscal-year step (monthly-common.ts `nextFiscalYear`). */
const FISCAL_YEAR: FiscalYearConstants = Object.freeze({
  revDrift: 0.03,
  revNoise: 0.09,
  atNoise: 0.07,
  roaPersistence: 0.6,
  roaNoiseFin: 0.35,
  roaNoise: 2.2,
  debtRatioMin: 0.002,
  debtRatioMax: 0.8,
  caRatioMin: 0.05,
  caRatioMax: 0.75,
  clRatioMin: 0.04,
  clRatioMax: 0.6,
  cfAccrual: 0.05,
  custShare: 0.03,
  custNoise: 0.25,
  prefShare: 0.004,
  liabOverDebt: 0.08,
  invLtShare: 0.5,
  invLtNoise: 0.2,
  debtLtMin: 0.6,
  debtLtSpan: 0.3,
  divFloor: 0.005,
  divCap: 0.06,
});

/**
 * A new fiscal year (FY0) in USD by the shared step, with an impairment year (net income
 * negative, 1.5 %) drawn right after net income, and each field missing with probability 2 % for
 * the whole year (drawn after the figures, in key order).
 */
function nextRealisticFiscalYear(rng: Rng, c: Company): Fundamentals {
  const f = nextFiscalYear(rng, c, FISCAL_YEAR, {
    financial: c.sector === "Financials",
    roaMean: c.roaMean,
    noCurrent: c.noCurrent,
    hasCust: c.hasCust,
    hasPref: c.hasPref,
    hasInvLt: c.hasInvLt,
    debtFree: c.debtFree,
    prevTa: c.fy0?.ta,
    adjustNi: (ni) => (rng.uniform() < 0.015 ? -Math.abs(ni) * (4 + 8 * rng.uniform()) : ni),
  });
  const gaps = new Set((Object.keys(f) as FundamentalKey[]).filter(() => rng.uniform() < 0.02));
  return { ...f, gaps };
}

/** Cross-sectional z-scores (NaN-aware, clipped at ±3; NaN -> 0). */
function zscores(x: readonly number[]): number[] {
  const ok = x.filter(Number.isFinite);
  if (ok.length < 2) return x.map(() => 0);
  const m = mean(ok);
  const sd = populationStd(ok) || 1;
  return x.map((v) => (Number.isFinite(v) ? Math.max(-3, Math.min(3, (v - m) / sd)) : 0));
}

/** Latent style returns per unit exposure (percent per month): mean and standard deviation. */
const STYLES = Object.freeze({
  value: { mean: 0.1, sd: 1.1 },
  size: { mean: 0.05, sd: 0.9 },
  quality: { mean: 0.1, sd: 0.8 },
  momentum: { mean: 0.15, sd: 1.3 },
  lowRisk: { mean: 0.0, sd: 0.9 },
});

// ---------------------------------------------------------------------------------------------
// Calendar helpers

/** The Monday after the third Friday of the month of month end `d` (a review's effective date). */
function reviewDate(d: string): string {
  const p = parseIsoDate(d)!;
  let fridays = 0;
  for (let day = 1; day <= daysInMonth(p.year, p.month); day++) {
    if (weekdayOfDayNumber(civilDayNumber(p.year, p.month, day)) === 5 && ++fridays === 3)
      return formatIsoDate(p.year, p.month, Math.min(day + 3, daysInMonth(p.year, p.month)));
  }
  throw new Error(`reviewDate: no third Friday in ${d}`);
}

/** A weekday between the 3rd and the 27th of the month of `d`. */
function midMonthDate(rng: Rng, d: string): string {
  const p = parseIsoDate(d)!;
  let day = rng.int(3, 27);
  while (
    weekdayOfDayNumber(civilDayNumber(p.year, p.month, day)) === 0 ||
    weekdayOfDayNumber(civilDayNumber(p.year, p.month, day)) === 6
  )
    day++;
  if (day > daysInMonth(p.year, p.month)) day -= 3; // February 27 on a Saturday: the Friday before
  return formatIsoDate(p.year, p.month, day);
}

/** LSEG's RIC of a delisted line: "^" + month letter + two-digit year of the delisting. */
function delistedRic(ric: string, d: string): string {
  const p = parseIsoDate(d)!;
  return `${ric}^${MONTH_LETTERS[p.month - 1]}${String(p.year % 100).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------

/** File name -> CSV text of the realistic data set. */
export type RealisticFiles = GeneratedFiles;

/**
 * Generate the realistic data set (see the module comment). Pure and deterministic: the same seed
 * gives byte-identical files on every machine.
 */
export function generateRealistic(seed: number = REALISTIC_SEED): RealisticFiles {
  const rng = rngStreams(seed, ["market", "companies", "returns", "index", "gaps"]);
  const cal = REALISTIC_CALENDAR;
  const months = monthEndsBetween(cal.simulationStart, cal.seriesEnd);
  const tOf = new Map(months.map((d, t) => [d, t]));
  const tFields0 = tOf.get(cal.fieldsStart)!;
  const tFields1 = tOf.get(cal.fieldsEnd)!;
  const { values, market } = simulateMarket(rng.market, months);
  const ticker = tickerMaker(rng.companies);

  // Initial universe: 140 listed companies, market caps log-normal around 3 bn USD.
  const companies: Company[] = [];
  for (let i = 0; i < 140; i++) {
    const cap = Math.exp(Math.log(3e9) + 0.8 * rng.companies.normal());
    companies.push(newCompany(rng.companies, ticker(), -1, cap, false));
  }
  const bySize = [...companies].sort((a, b) => b.mcap - a.mcap);
  for (const c of bySize.filter((x) => !x.payer).slice(0, 2)) c.zeroYield = true;
  for (const c of bySize.filter((x) => x.sector === "Technology").slice(0, 2)) c.debtFree = true;
  for (const c of companies) {
    c.roaLevel = c.roaMean;
    c.fy1 = nextRealisticFiscalYear(rng.companies, c);
    c.fy0 = nextRealisticFiscalYear(rng.companies, c);
  }

  // Membership: every change date with the full list (companies; RICs are final only at the end).
  const changes: { date: string; members: Company[] }[] = [];
  const record = (date: string, list: Company[]) => {
    const last = changes[changes.length - 1];
    if (last && last.date === date) last.members = [...list];
    else changes.push({ date, members: [...list] });
  };
  const byCap = (xs: Company[]) => [...xs].sort((a, b) => b.mcap - a.mcap);
  let members: Company[] = [];
  const rowsByMonth = new Map<string, Map<Company, FieldCells>>();
  const indexLevel: number[] = [];
  let level = 1000;
  let prevMembers: Company[] = [];

  for (let t = 0; t < months.length; t++) {
    const d = months[t];
    const month = parseIsoDate(d)!.month;
    // listed at the end of month t-1: the data every decision during month t is based on
    const before = companies.filter((c) => c.listed < t && c.delisted === undefined);

    // --- index changes during month t
    if (t === tFields0) {
      members = byCap(before).slice(0, 100);
      record(cal.constituentsStart, members);
    }
    const events: { date: string; kind: "acquisition" | "spin-off" | "review"; c?: Company }[] = [];
    for (const c of before) {
      // acquisitions: about 2.5 % of the companies a year (not in their first year), mid-month
      if (c.listed >= t - 12 || rng.index.uniform() >= 0.025 / 12) continue;
      c.delisted = t;
      events.push({ date: midMonthDate(rng.index, d), kind: "acquisition", c });
    }
    if (rng.index.uniform() < 0.25) {
      // new listings: about 3 a year, a third of them spin-offs that join the index on listing day
      const spin = rng.index.uniform() < 0.35;
      const cap = Math.exp(Math.log(spin ? 3e9 : 1.5e9) + 0.5 * rng.companies.normal());
      const c = newCompany(rng.companies, ticker(), t, cap, spin);
      c.roaLevel = c.roaMean;
      c.fy0 = nextRealisticFiscalYear(rng.companies, c);
      companies.push(c);
      if (spin && t > tFields0) events.push({ date: midMonthDate(rng.index, d), kind: "spin-off", c });
    }
    if (t > tFields0 && month % 3 === 0) events.push({ date: reviewDate(d), kind: "review" });
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const e of t >= tFields0 && t <= tFields1 ? events : []) {
      const c = e.c;
      if (e.kind === "acquisition" && c) {
        if (!members.includes(c)) continue;
        members = members.filter((x) => x !== c);
        // replaced the same day by the largest listed non-member
        const cand = byCap(before.filter((x) => x.delisted === undefined && !members.includes(x)));
        if (cand.length > 0) members.push(cand[0]);
      } else if (e.kind === "spin-off" && c) {
        members = [...members, c];
      } else {
        // quarterly review with a buffer: members below rank 120 leave, non-members above 80 join
        const eligible = byCap(before.filter((x) => x.delisted === undefined && x.listed <= t - 3));
        const rank = new Map(eligible.map((x, i) => [x, i + 1]));
        const stay = members.filter((x) => (rank.get(x) ?? 999) <= 120);
        const join = eligible.filter((x) => !members.includes(x) && rank.get(x)! <= 80);
        const next = [...stay, ...join].sort((a, b) => rank.get(a)! - rank.get(b)!);
        for (const x of eligible) if (next.length < 100 && !next.includes(x)) next.push(x);
        const kept = next.slice(0, 100);
        if (kept.length === members.length && kept.every((x) => members.includes(x))) continue;
        members = kept;
      }
      record(e.date, members);
    }

    // --- returns over month t of everything listed at the end of month t-1
    const trading = companies.filter((c) => c.listed < t && (c.delisted === undefined || c.delisted >= t));
    const z = (f: (c: Company) => number) => zscores(trading.map(f));
    const expo: Record<keyof typeof STYLES, number[]> = {
      value: z((c) => (c.fy0!.ni + 0.1 * c.fy0!.rev) / c.mcap),
      size: z((c) => -Math.log(c.mcap)),
      quality: z((c) => c.fy0!.roa),
      momentum: z((c) => c.returns.slice(-12).reduce((p, r) => p * (1 + r / 100), 1)),
      lowRisk: z((c) => -c.beta),
    };
    const styleKeys = Object.keys(STYLES) as (keyof typeof STYLES)[];
    const style = styleKeys.map((k) => STYLES[k].mean + STYLES[k].sd * rng.returns.normal());
    const sectorRet = new Map(SECTOR_MIX.map(([s]) => [s, 1.8 * rng.returns.normal()]));
    const weighted = new Set(prevMembers.length > 0 ? prevMembers : byCap(before).slice(0, 100));
    let capSum = 0;
    let capRet = 0;
    trading.forEach((c, i) => {
      const dyPct = c.payer ? (c.dividends / c.mcap) * 100 : 0;
      const styleRet = styleKeys.reduce((s, k, j) => s + expo[k][i] * style[j], 0);
      const pull = -0.25 * (Math.log(c.mcap) - c.target - (0.05 * (t - c.listed)) / 12);
      const r = Math.max(
        -70,
        c.beta * market[t] + sectorRet.get(c.sector)! + styleRet + pull + c.sigma * rng.returns.studentT(5),
      );
      const price = r - dyPct / 12;
      if (weighted.has(c)) {
        capSum += c.mcap;
        capRet += c.mcap * price;
      }
      c.mcap *= 1 + price / 100;
      c.returns.push(r);
    });
    if (capSum > 0) level *= 1 + capRet / capSum / 100;
    indexLevel.push(level);

    // --- fiscal years, and the month-end rows of everything listed at the end of month t
    const rows = new Map<Company, FieldCells>();
    for (const c of companies) {
      if (c.listed > t || (c.delisted !== undefined && c.delisted <= t)) continue;
      if (month === c.reportMonth && c.listed < t) {
        c.fy1 = c.fy0;
        c.fy0 = nextRealisticFiscalYear(rng.companies, c);
      }
      if (t >= tFields0 && t <= tFields1) rows.set(c, fieldRow(c, d, rng.gaps));
    }
    rowsByMonth.set(d, rows);
    prevMembers = [...members];
  }
  values[REALISTIC_INDEX] = indexLevel.map((x) => rounded(x, 2));

  // final RICs: an acquired company carries its delisted suffix in every list and row
  for (const c of companies) if (c.delisted !== undefined) c.ric = delistedRic(c.ric, months[c.delisted]);
  const lists = changes.map((ch) => ({
    date: ch.date,
    rics: ch.members.map((c) => c.ric).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  }));
  const rowsByRic = new Map(
    [...rowsByMonth].map(([d, m]) => [d, new Map([...m].map(([c, r]) => [c.ric, { ...r, Instrument: c.ric }]))]),
  );
  const constituents: string[][] = [];
  for (const l of lists) for (const ric of l.rics) constituents.push([REALISTIC_INDEX, l.date, ric]);
  return {
    "constituents.csv": formatCsv(["Index", "Date", "RIC"], constituents),
    "fields.csv": writeFields(lists, rowsByRic),
    "history.csv": historyCsv(REALISTIC_SERIES, months, values, (ric) => ({
      first: REALISTIC_RAGGED[ric]?.first ?? cal.seriesStart,
      last: REALISTIC_RAGGED[ric]?.last ?? cal.seriesEnd,
    })),
    "display_names.csv": displayNamesCsv(REALISTIC_SERIES),
    "release_lags.csv": formatCsv(
      ["RIC", "LagMonths"],
      Object.entries(REALISTIC_RELEASE_LAGS).map(([ric, lag]) => [ric, String(lag)]),
    ),
  };
}

/** The In[7] row of company `c` at month end `d` (index `t`), with the export's gaps. */
function fieldRow(c: Company, d: string, rng: Rng): FieldCells {
  const f0 = c.fy0!;
  const f1 = c.fy1;
  const g = (f: Fundamentals | undefined, k: FundamentalKey) => (f && !f.gaps.has(k) ? f[k] : Number.NaN);
  const months = c.returns.length; // full months since listing
  const r1 = months > 0 ? c.returns[months - 1] : Number.NaN;
  const dyGap = REALISTIC_DY_GAP_MONTHS.includes(d);
  const dy = dyGap ? Number.NaN : !c.payer ? (c.zeroYield ? 0 : Number.NaN) : (c.dividends / c.mcap) * 100;
  // a few stock-months without a one-month return (an export glitch), never in a listing month
  const r1Missing = months === 0 || rng.uniform() < 0.0006;
  return {
    Instrument: c.ric,
    "TR.TRBCECONOMICSECTOR": c.sector,
    "TR.TOTALRETURN1MO": r1Missing ? Number.NaN : r1,
    "TR.TOTALRETURN52WK": trailingReturnPct(c.returns),
    ...fundamentalCells((key, year) => g(year === 0 ? f0 : f1, key)),
    "TR.COMPANYMARKETCAP": c.mcap,
    "TR.DIVIDENDYIELD": dy,
    Date: d,
  };
}

/** fields.csv: the rows of each month's members (monthly membership of the change lists). */
function writeFields(
  lists: readonly { date: string; rics: string[] }[],
  rowsByMonth: Map<string, Map<string, FieldCells>>,
): string {
  const cal = REALISTIC_CALENDAR;
  const membership = new Map(
    monthlyMembership(
      lists.flatMap((c) => c.rics.map((RIC) => ({ Date: c.date, RIC }))),
      cal.fieldsEnd,
    ).map((m) => [m.Date, m.RIC]),
  );
  return fieldsCsv(
    monthEndsBetween(cal.fieldsStart, cal.fieldsEnd),
    (d) => membership.get(d)!,
    (d, ric) => {
      const r = rowsByMonth.get(d)!.get(ric);
      if (!r) throw new Error(`generateRealistic: no row for member ${ric} at ${d}`);
      return r;
    },
    (col) => (col === "TR.COMPANYMARKETCAP" ? 7 : 6),
  );
}
