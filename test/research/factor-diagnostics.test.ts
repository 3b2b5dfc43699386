/**
 * lib/research/factor-diagnostics.ts on a small hand-computed panel (IC, rank IC with ties,
 * quintiles with ties and empty quintiles, a leaver and a joiner, the summary statistics, score
 * correlations), Spearman against simple-statistics, and the decision/return alignment: changing
 * returns dated after month t leaves every statistic of the months before t unchanged.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { createRng } from "../../lib/random";
import {
  averageRanks,
  factorScoreCorrelations,
  forwardReturnPairs,
  icSummary,
  informationCoefficients,
  type PanelRow,
  quintileOf,
  quintileReturns,
  spearman,
} from "../../lib/research/factor-diagnostics";
import { pearson } from "../../lib/statistics/descriptive";
import { assertClose } from "../helpers";

type Row = PanelRow & { f: number; g: number; total_return_1m: number };

/**
 * Jan: f = 1..6 (S1..S6); g = [1, 3, 2, 4, 6, 5]; the returns of Jan are not used (no Dec).
 * Feb: returns of S1..S6 = [−2, 0, 1, 3, 2, 5] (paired with Jan's scores);
 *      f = [0, 0, 1, 2, 2, 3] (ties), g = f.
 * Mar: S6 has left (no row), S7 has joined; returns of S1..S5 = [1, −1, 0, 4, 2], S7 = 9;
 *      f, g for S1..S5, S7 = [1, 2, 3, 4, 5, 6] (no April: no statistics for March).
 */
function handPanel(): Row[] {
  const rows: Row[] = [];
  const add = (date: string, Instrument: string, f: number, g: number, total_return_1m: number) => {
    rows.push({ Instrument, Date: date, f, g, total_return_1m });
  };
  const janG = [1, 3, 2, 4, 6, 5];
  for (let i = 0; i < 6; i++) add("2020-01-31", `S${i + 1}`, i + 1, janG[i], 0.5);
  const febRet = [-2, 0, 1, 3, 2, 5];
  const febF = [0, 0, 1, 2, 2, 3];
  for (let i = 0; i < 6; i++) add("2020-02-29", `S${i + 1}`, febF[i], febF[i], febRet[i]);
  const marRet = [1, -1, 0, 4, 2];
  for (let i = 0; i < 5; i++) add("2020-03-31", `S${i + 1}`, i + 1, i + 1, marRet[i]);
  add("2020-03-31", "S7", 6, 6, 9);
  return rows;
}

const near = (a: number, b: number, what: string, tol = 1e-12) => assertClose(a, b, tol, what);

test("averageRanks, quintileOf and Spearman by hand (ties share their mean rank and quintile)", () => {
  assert.deepEqual(averageRanks([0, 0, 1, 2, 2]), [1.5, 1.5, 3, 4.5, 4.5]);
  assert.deepEqual(averageRanks([3, 1, 2]), [3, 1, 2]);
  // ⌊5(r̄ − 1)/n⌋ + 1.
  assert.deepEqual(quintileOf([1, 2, 3, 4, 5, 6]), [1, 1, 2, 3, 4, 5]);
  assert.deepEqual(quintileOf([0, 0, 1, 2, 2]), [1, 1, 3, 4, 4]);
  assert.deepEqual(quintileOf([7, 7, 7, 7, 7]), [3, 3, 3, 3, 3]);
  near(spearman([1, 2, 3, 4, 5], [-2, 0, 1, 3, 2]), 0.9, "1 − 6·2/(5·24)");
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])), "constant side → NaN");
});

test("Spearman equals simple-statistics' sampleRankCorrelation (midranks) on random data with ties", async () => {
  const ss = await import("simple-statistics");
  const rng = createRng(4);
  for (let k = 0; k < 50; k++) {
    const n = 5 + rng.int(0, 30);
    const x = Array.from({ length: n }, () => rng.int(0, 6));
    const y = Array.from({ length: n }, () => rng.normal());
    if (new Set(x).size < 2) continue;
    near(spearman(x, y), ss.sampleRankCorrelation(x, y), "spearman", 1e-12);
    near(pearson(x, y), ss.sampleCorrelation(x, y), "pearson", 1e-12);
  }
});

test("pairs: score at t with the same stock's return dated t+1; leavers and joiners left out", () => {
  const pairs = forwardReturnPairs(handPanel(), "f");
  assert.deepEqual(
    pairs.map((p) => [p.date, p.returnDate, p.instruments.join(",")]),
    [
      ["2020-01-31", "2020-02-29", "S1,S2,S3,S4,S5,S6"],
      ["2020-02-29", "2020-03-31", "S1,S2,S3,S4,S5"],
    ],
  );
  assert.deepEqual(pairs[0].returns, [-2, 0, 1, 3, 2, 5]);
  assert.deepEqual(pairs[1].scores, [0, 0, 1, 2, 2]);
  assert.deepEqual(pairs[1].returns, [1, -1, 0, 4, 2]);
});

test("IC and rank IC by hand; summary mean, sd, IR and t", () => {
  const [f, g] = informationCoefficients(handPanel(), { factors: ["f", "g"] });
  // Jan: IC = 21.5/√(17.5·29.5); rank IC = 1 − 6·2/(6·35).
  near(f.months[0].ic, 21.5 / Math.sqrt(17.5 * 29.5), "IC Jan");
  near(f.months[0].rankIc, 1 - 12 / 210, "rank IC Jan");
  // Feb (ties in the scores): IC = 6/√(4·14.8); rank IC = 7.5/√(9·10).
  near(f.months[1].ic, 6 / Math.sqrt(4 * 14.8), "IC Feb");
  near(f.months[1].rankIc, 7.5 / Math.sqrt(90), "rank IC Feb");
  assert.equal(f.months[0].stocks, 6);
  assert.equal(f.months[1].stocks, 5);
  // g in Jan: scores [1, 3, 2, 4, 6, 5], returns [−2, 0, 1, 3, 2, 5].
  near(g.months[0].ic, pearson([1, 3, 2, 4, 6, 5], [-2, 0, 1, 3, 2, 5]), "IC g Jan");
  const [s] = icSummary([f]);
  const a = f.months[0].ic;
  const b = f.months[1].ic;
  const sd = Math.abs(a - b) / Math.SQRT2;
  near(s.meanIc, (a + b) / 2, "mean IC");
  near(s.sdIc, sd, "IC sd (ddof 1)");
  near(s.icIr, (a + b) / 2 / sd, "IC IR");
  near(s.tStat, ((a + b) / 2 / sd) * Math.SQRT2, "t");
  assert.equal(s.months, 2);
  assert.equal(s.undefinedMonths, 0);
});

test("a constant score or too few stocks gives an undefined IC, left out of the summary", () => {
  const rows = handPanel().map((r) => (r.Date === "2020-01-31" ? { ...r, f: 0 } : r));
  const [f] = informationCoefficients(rows, { factors: ["f"] });
  assert.ok(Number.isNaN(f.months[0].ic) && Number.isNaN(f.months[0].rankIc));
  const [s] = icSummary([f]);
  assert.equal(s.months, 1);
  assert.equal(s.undefinedMonths, 1);
  assert.ok(Number.isNaN(s.sdIc), "one month: no sd");
  const [few] = informationCoefficients(handPanel(), { factors: ["f"], minStocks: 6 });
  assert.ok(!Number.isNaN(few.months[0].ic) && Number.isNaN(few.months[1].ic));
});

test("quintile returns by hand: Jan one stock per quintile except Q1; Feb ties share quintiles", () => {
  const [q] = quintileReturns(handPanel(), { factors: ["f"] });
  assert.equal(q.months.length, 2);
  const [jan, feb] = q.months;
  assert.deepEqual(jan.counts, [2, 1, 1, 1, 1]);
  assert.deepEqual(jan.returns, [-1, 1, 3, 2, 5]);
  assert.equal(jan.spread, 6);
  // Feb: scores [0, 0, 1, 2, 2] → quintiles [1, 1, 3, 4, 4]; returns [1, −1, 0, 4, 2].
  assert.deepEqual(feb.counts, [2, 0, 1, 2, 0]);
  assert.deepEqual(feb.returns.map(String), ["0", "NaN", "0", "3", "NaN"]);
  assert.ok(Number.isNaN(feb.spread));
  assert.deepEqual(q.meanReturns, [-0.5, 1, 1.5, 2.5, 5]);
  assert.deepEqual(q.monthsPerQuintile, [2, 1, 2, 2, 1]);
  assert.equal(q.meanSpread, 6);
  assert.equal(q.spreadMonths, 1);
});

test("average cross-sectional correlation of scores, every date of the panel", () => {
  const c = factorScoreCorrelations(handPanel(), { factors: ["f", "g"] });
  // Jan 15.5/17.5; Feb and Mar g = f → 1.
  near(c.matrix[0][1], (15.5 / 17.5 + 1 + 1) / 3, "f/g");
  near(c.matrix[1][0], c.matrix[0][1], "symmetric");
  near(c.matrix[0][0], 1, "diagonal");
  assert.deepEqual(c.months, [
    [3, 3],
    [3, 3],
  ]);
  const s = factorScoreCorrelations(handPanel(), { factors: ["f", "g"], method: "spearman" });
  near(s.matrix[0][1], (spearman([1, 2, 3, 4, 5, 6], [1, 3, 2, 4, 6, 5]) + 2) / 3, "spearman f/g");
});

test("input errors: duplicate stock-month, two dates in one month", () => {
  const rows = handPanel();
  assert.throws(
    () => informationCoefficients([...rows, rows[0]], { factors: ["f"] }),
    /S1 appears twice at 2020-01-31/,
  );
  const other = { ...rows[0], Instrument: "S9", Date: "2020-01-30" };
  assert.throws(() => informationCoefficients([...rows, other], { factors: ["f"] }), /two dates in the same month/);
});

/** A random panel: `months` month ends from 2019-01, `stocks` stocks, some missing rows. */
function randomPanel(seed: number, months: number, stocks: number): Row[] {
  const rng = createRng(seed);
  const rows: Row[] = [];
  for (let m = 0; m < months; m++) {
    const y = 2019 + Math.floor(m / 12);
    const mo = (m % 12) + 1;
    const day = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const date = `${y}-${String(mo).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    for (let s = 0; s < stocks; s++) {
      if (rng.uniform() < 0.1) continue; // not a member this month
      rows.push({
        Instrument: `S${s}`,
        Date: date,
        f: Math.round(rng.normal() * 100) / 100,
        g: rng.int(-2, 2),
        total_return_1m: rng.normal() * 5,
      });
    }
  }
  return rows;
}

test("property: changing returns (and scores) dated after t leaves every statistic of months < t unchanged", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), (seed, k) => {
      const rows = randomPanel(seed, 10, 12);
      const dates = [...new Set(rows.map((r) => r.Date))].sort();
      const t = dates[k];
      const rng = createRng(seed + 1);
      const perturbed = rows.map((r) =>
        r.Date > t ? { ...r, total_return_1m: r.total_return_1m + 10 * rng.normal(), f: rng.normal() } : r,
      );
      const opts = { factors: ["f", "g"] };
      const before = (ics: ReturnType<typeof informationCoefficients>) =>
        ics.map((x) => x.months.filter((m) => m.date < t));
      assert.deepEqual(before(informationCoefficients(perturbed, opts)), before(informationCoefficients(rows, opts)));
      const qb = (qs: ReturnType<typeof quintileReturns>) => qs.map((x) => x.months.filter((m) => m.date < t));
      assert.deepEqual(qb(quintileReturns(perturbed, opts)), qb(quintileReturns(rows, opts)));
      // …while month t itself pairs with returns dated t+1, which did change.
      const at = (ics: ReturnType<typeof informationCoefficients>) => ics[0].months.find((m) => m.date === t)?.ic;
      assert.notEqual(at(informationCoefficients(perturbed, opts)), at(informationCoefficients(rows, opts)));
    }),
    { numRuns: 50 },
  );
});
