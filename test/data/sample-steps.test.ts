/**
 * The steps of `generateSample` (lib/sample/monthly-sample.ts) on small hand-made inputs. The
 * month loop (`simulateSampleMonths`) and the files (`sampleFiles`) are checked byte for byte
 * against data/sample by test/data/reproducibility.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng, type Rng } from "../../lib/random";
import type { FieldCells, FiscalYear } from "../../lib/sample/monthly-common";
import {
  companyMonth,
  dividendGapMonths,
  plantedStockReturns,
  type SampleCompany,
  type SampleMonthStreams,
  sampleCompanies,
  sampleMembership,
  simulateMacro,
} from "../../lib/sample/monthly-sample";
import { allMembers, INITIAL_MEMBERS } from "../../lib/sample/universe";

/** A stand-in stream that returns the given values of `kind` in turn and refuses everything else. */
const scripted = (kind: keyof Rng, values: number[]): Rng => {
  const refuse = () => {
    throw new Error(`unexpected draw (only ${kind})`);
  };
  const rng = { uniform: refuse, int: refuse, normal: refuse, studentT: refuse, shuffle: refuse } as unknown as Rng;
  let k = 0;
  (rng as unknown as Record<string, () => number>)[kind] = () => {
    if (k >= values.length) throw new Error(`more than ${values.length} ${kind} draws`);
    return values[k++];
  };
  return rng;
};
const constant = (kind: keyof Rng, v: number, n = 1000) => scripted(kind, new Array(n).fill(v));

test("sampleMembership: the first list before 2000, the dated lists after", () => {
  const m = sampleMembership("2024-08-31");
  assert.equal(m.changes.length, 390);
  assert.deepEqual(m.membersAt("1999-06-30"), [...INITIAL_MEMBERS]);
  assert.equal(m.membersAt("2000-01-31").length, 30);
  assert.ok(m.membersAt("2024-07-31").includes("AMZN.OQ"));
  assert.ok(!m.membersAt("2024-07-31").includes("T.N^K05"));
});

test("dividendGapMonths: one uniform draw per month from `from` on, a gap below 0.05", () => {
  const months = ["2002-12-31", "2003-01-31", "2003-02-28", "2003-03-31", "2003-04-30"];
  const gaps = dividendGapMonths(scripted("uniform", [0.01, 0.5, 0.04, 0.9]), months, "2003-01-31");
  assert.deepEqual([...gaps], ["2003-01-31", "2003-03-31"]);
});

test("simulateMacro and sampleCompanies: one value per month and series; every member with two fiscal years", () => {
  const macro = simulateMacro(createRng(1), ["1999-01-31", "1999-02-28", "1999-03-31"]);
  assert.deepEqual(macro.months, ["1999-01-31", "1999-02-28", "1999-03-31"]);
  assert.equal(macro.market.length, 3);
  for (const [ric, v] of Object.entries(macro.values)) assert.equal(v.length, 3, ric);
  assert.ok(macro.values[".DJI"].every(Number.isNaN));
  const companies = sampleCompanies(createRng(1));
  assert.deepEqual([...companies.keys()], allMembers());
  for (const c of companies.values()) {
    assert.ok(c.fy0 && c.fy1, c.ric);
    assert.equal(Number.isNaN(c.fy0.wkg), c.fin, `${c.ric}: Financials have no working capital`);
  }
});

// three members whose fields make different factor portfolios
const row = (ric: string, k: number): FieldCells => ({
  Instrument: ric,
  "TR.TRBCECONOMICSECTOR": "Industrials",
  "TR.F.RETURNAVGTOTASSETSPCT(PERIOD=FY0)": 5 + k,
  "TR.F.ASSETTURNOVER(PERIOD=FY0)": 1 + 0.1 * k,
  "TR.F.ASSETTURNOVER(PERIOD=FY-1)": 1,
  "TR.F.WKGCAP(PERIOD=FY0)": 10 + k,
  "TR.F.WKGCAP(PERIOD=FY-1)": 10,
  "TR.F.INVSTTOT(PERIOD=FY0)": 5,
  "TR.F.INVSTTOT(PERIOD=FY-1)": 5,
  "TR.F.DEBTTOT(PERIOD=FY0)": 20 - k,
  "TR.F.DEBTTOT(PERIOD=FY-1)": 20,
  "TR.F.TOTASSETS(PERIOD=FY0)": 100,
  "TR.F.NETCASHFLOWOP(PERIOD=FY0)": 8 + k,
  "TR.COMPANYMARKETCAP": 1000 * (k + 1),
  "TR.F.CF(PERIOD=FY0)": 9,
  "TR.NETINCOME(PERIOD=FY0)": 4 + k,
  "TR.REVENUE(PERIOD=FY0)": 50,
  "TR.DIVIDENDYIELD": 1 + k,
});

test("plantedStockReturns: no premium (drivers at their centres, no noise) plants nothing", () => {
  const prev = [row("A", 0), row("B", 1), row("C", 2)];
  // a = (0.3 − 0.3)/0.3 = 0; b = 0 for the first month of the path; c = (−0.1 + 0.1)/0.6 = 0
  const values = { "USCPI=ECI": [0.3, 0.4], "US10YT=RR": [2, 3], "USLEAD=ECI": [-0.1, 1] };
  const p = plantedStockReturns(prev, ["C", "A", "B"], values, 1, [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(
    [...p],
    [
      ["C", 0],
      ["A", 0],
      ["B", 0],
    ],
  );
});

const fiscalYear = (base: number): FiscalYear => {
  const keys = ["at", "roa", "ta", "wkg", "ca", "inv", "cust", "liab", "cl", "pref"] as const;
  const more = ["cash", "invLt", "ncfo", "debt", "debtLt", "cf", "ni", "rev"] as const;
  return Object.fromEntries([...keys, ...more].map((k, i) => [k, base + i])) as FiscalYear;
};
const company = (o: Partial<SampleCompany> = {}): SampleCompany => ({
  ric: "X.N",
  sector: "Industrials",
  fin: false,
  payer: false,
  beta: 1,
  sigma: 4,
  reportMonth: 3,
  mcap: 9e10,
  rev: 1e10,
  atLevel: 1,
  roaLevel: 8,
  debtRatio: 0.2,
  liabRatio: 0.5,
  caRatio: 0.3,
  clRatio: 0.2,
  invRatio: 0.05,
  cashRatio: 0.05,
  payout: 0.3,
  mcapAtLastFy: 9e10,
  dividends: 0,
  returns: [],
  fy0: fiscalYear(100),
  fy1: fiscalYear(200),
  ...o,
});
const streams = (o: Partial<SampleMonthStreams> = {}): SampleMonthStreams => ({
  companies: constant("uniform", 0, 0),
  returns: { ...constant("studentT", 0), normal: () => 0 } as Rng,
  gaps: constant("uniform", 0.5),
  ...o,
});

test("companyMonth: return, market cap and field row by hand (no noise)", () => {
  const c = company();
  const m = companyMonth(streams(), c, {
    t: 0,
    date: "2000-01-31",
    marketReturn: 2,
    planted: 0.5,
    dividendYieldMissing: false,
  });
  // R = β·2 + pull (cap on the common path 9e10: 0) + 0.5 + σ·0 = 2.5; a non-payer's price return is R
  assert.equal(m.total, 2.5);
  assert.equal(m.price, 2.5);
  assert.equal(c.mcap, 9e10 * 1.025);
  assert.deepEqual(c.returns, [2.5]);
  assert.equal(m.row.Instrument, "X.N");
  assert.equal(m.row.Date, "2000-01-31");
  assert.equal(m.row["TR.TOTALRETURN1MO"], 2.5);
  assert.ok(Number.isNaN(m.row["TR.TOTALRETURN52WK"] as number), "fewer than 12 months");
  assert.equal(m.row["TR.COMPANYMARKETCAP"], 9e10 * 1.025);
  assert.ok(Number.isNaN(m.row["TR.DIVIDENDYIELD"] as number), "non-payer");
  assert.equal(m.row["TR.F.TOTASSETS(PERIOD=FY0)"], 102); // fy0.ta
  assert.equal(m.row["TR.F.ASSETTURNOVER(PERIOD=FY-1)"], 200); // fy1.at
});

test("companyMonth: dividends lower the price return; the reporting month rolls the fiscal years; gaps", () => {
  // payer with dividend yield 1 %: price return = R − 1/12; the yield written is on the new cap
  const c = company({ payer: true, dividends: 0.9e9 });
  const m = companyMonth(streams(), c, {
    t: 0,
    date: "2000-01-31",
    marketReturn: 2,
    planted: 0,
    dividendYieldMissing: false,
  });
  assert.equal(m.total, 2);
  assert.equal(m.price, 2 - 1 / 12);
  assert.equal(m.row["TR.DIVIDENDYIELD"], (0.9e9 / (9e10 * (1 + (2 - 1 / 12) / 100))) * 100);
  const missing = companyMonth(streams(), company({ payer: true, dividends: 0.9e9 }), {
    t: 0,
    date: "2000-01-31",
    marketReturn: 2,
    planted: 0,
    dividendYieldMissing: true,
  });
  assert.ok(Number.isNaN(missing.row["TR.DIVIDENDYIELD"] as number));
  // March is the reporting month: FY0 becomes FY-1 and a new FY0 is drawn
  const r = company();
  const oldFy0 = r.fy0;
  companyMonth(streams({ companies: createRng(3) }), r, {
    t: 0,
    date: "2000-03-31",
    marketReturn: 0,
    planted: 0,
    dividendYieldMissing: false,
  });
  assert.equal(r.fy1, oldFy0);
  assert.notEqual(r.fy0, oldFy0);
  // every gap draw below 0.003: all cells missing but sector, return and market cap
  const g = companyMonth(streams({ gaps: constant("uniform", 0.001) }), company(), {
    t: 0,
    date: "2000-01-31",
    marketReturn: 2,
    planted: 0.5,
    dividendYieldMissing: false,
  });
  assert.equal(g.row["TR.TOTALRETURN1MO"], 2.5);
  assert.equal(g.row["TR.TRBCECONOMICSECTOR"], "Industrials");
  assert.equal(g.row["TR.COMPANYMARKETCAP"], 9e10 * 1.025);
  assert.ok(Number.isNaN(g.row["TR.F.TOTASSETS(PERIOD=FY0)"] as number));
});
