/**
 * lib/allocation/estimates.ts against hand computation (alignment, alpha, tracking error,
 * correlation, standard error), the Ledoit–Wolf intensity against a numpy port of Ledoit & Wolf's
 * covCor.m (test/reference/estimates_shrinkage.py → test/fixtures/allocation/shrinkage.json), and
 * the embedded sample against the worked example's population values.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { activeRiskAttribution, minEigenvalue } from "../../lib/allocation/active-risk";
import {
  describeDroppedMonths,
  estimateActiveRisk,
  estimateFromActiveReturns,
  estimatesReport,
  ledoitWolfConstantCorrelation,
  referenceComparison,
} from "../../lib/allocation/estimates";
import { parseFundReturns, readFundReturns } from "../../lib/data/fund-returns";
import { workedExamplePopulation } from "../../lib/sample/fund-sample";

const ROOT = join(__dirname, "..", "..");
const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);

// Benchmark B and three funds (returns = B + active). C starts a month late, D misses 2020-04.
// Active returns on the joined months 2020-02, 03, 05, 06:
//   A: 1, -1, 2, 2   mean 1, deviations 0, -2, 1, 1, sum of squares 6  → var 2
//   C: 0, 1, -1, 4   mean 1, deviations -1, 0, -2, 3, sum of squares 14 → var 14/3
//   D: 2, 2, 0, 0    mean 1, deviations 1, 1, -1, -1, sum of squares 4 → var 4/3
//   cross products: A·C = 1, A·D = -4, C·D = -2
const FUNDS = `Fund,Name,Role,Benchmark
B,Bench,benchmark,
A,Fund A,fund,B
C,Fund C,fund,B
D,Fund D,fund,B
`;
const bench = { "2020-01-31": 1, "2020-02-29": 2, "2020-03-31": -1, "2020-04-30": 0, "2020-05-31": 3, "2020-06-30": 1 };
const act: Record<string, (number | undefined)[]> = {
  A: [0.5, 1, -1, 0, 2, 2],
  C: [undefined, 0, 1, 3, -1, 4],
  D: [1, 2, 2, Number.NaN, 0, 0],
};
function returnsCsv(): string {
  const lines = ["Fund,Date,Return"];
  const dates = Object.keys(bench) as (keyof typeof bench)[];
  dates.forEach((d) => {
    lines.push(`B,${d},${bench[d]}`);
  });
  for (const [id, a] of Object.entries(act))
    dates.forEach((d, t) => {
      const v = a[t];
      if (v === undefined) return;
      lines.push(`${id},${d},${Number.isNaN(v) ? "" : bench[d] + v}`);
    });
  return `${lines.join("\n")}\n`;
}
const tiny = () => parseFundReturns({ "funds.csv": FUNDS, "returns.csv": returnsCsv() });

describe("estimateActiveRisk: hand computation", () => {
  const e = estimateActiveRisk(tiny(), { minMonths: 3 });
  it("aligns on the inner join of months and lists the dropped months", () => {
    assert.deepEqual(e.ids, ["A", "C", "D"]);
    assert.deepEqual(e.names, ["Fund A", "Fund C", "Fund D"]);
    assert.deepEqual(e.months, ["2020-02-29", "2020-03-31", "2020-05-31", "2020-06-30"]);
    assert.equal(e.observations, 4);
    assert.deepEqual(e.dropped, [
      { date: "2020-01-31", missing: ["C"] },
      { date: "2020-04-30", missing: ["D"] },
    ]);
  });
  it("alpha = 12 × mean active return, TE = √12 × std (ddof 1), annual fractions", () => {
    assert.deepEqual(e.monthlyMean, [1, 1, 1]);
    const variances = [2, 14 / 3, 4 / 3];
    variances.forEach((v, i) => {
      close(e.monthlyStd[i], Math.sqrt(v), 1e-15, `std ${i}`);
      close(e.alphas[i], 0.12, 1e-15, `alpha ${i}`);
      close(e.trackingErrors[i], Math.sqrt(12 * v) / 100, 1e-15, `TE ${i}`);
      close(e.informationRatios[i], 0.12 / (Math.sqrt(12 * v) / 100), 1e-12, `IR ${i}`);
      close(e.alphaStdErrors[i], (12 * Math.sqrt(v)) / Math.sqrt(4) / 100, 1e-15, `se ${i}`);
    });
  });
  it("correlation and covariance", () => {
    const r = [
      [1, 1 / Math.sqrt(84), -4 / Math.sqrt(24)],
      [1 / Math.sqrt(84), 1, -2 / Math.sqrt(56)],
      [-4 / Math.sqrt(24), -2 / Math.sqrt(56), 1],
    ];
    r.forEach((row, i) => {
      row.forEach((v, j) => {
        close(e.correlation[i][j], v, 1e-15, `corr ${i},${j}`);
        close(e.covariance[i][j], v * e.trackingErrors[i] * e.trackingErrors[j], 1e-18, `cov ${i},${j}`);
      });
    });
    assert.deepEqual(e.correlation, e.sampleCorrelation);
    assert.equal(e.shrinkage.method, "none");
    close(e.shrinkage.averageCorrelation, (r[0][1] + r[0][2] + r[1][2]) / 3, 1e-15, "r̄");
  });
  it("report rows are in basis points", () => {
    const rows = estimatesReport(e);
    assert.equal(rows[0].fund, "Fund A");
    close(rows[0]["alpha (bps)"], 1200, 1e-9, "alpha bps");
    close(rows[0]["tracking error (bps)"], Math.sqrt(24) * 100, 1e-9, "TE bps");
  });
  it("a fixed intensity moves the off-diagonal correlations towards r̄, keeps the TEs", () => {
    const f = estimateActiveRisk(tiny(), { minMonths: 3, shrinkage: 0.25 });
    const rb = e.shrinkage.averageCorrelation;
    assert.equal(f.shrinkage.method, "fixed");
    close(f.correlation[0][1], 0.25 * rb + 0.75 * e.correlation[0][1], 1e-15, "shrunk ρ01");
    assert.equal(f.correlation[2][2], 1);
    assert.deepEqual(f.trackingErrors, e.trackingErrors);
  });
  it("a fund subset and order can be chosen", () => {
    const s = estimateActiveRisk(tiny(), { minMonths: 3, funds: ["D", "A"] });
    assert.deepEqual(s.ids, ["D", "A"]);
    assert.deepEqual(s.months, ["2020-01-31", "2020-02-29", "2020-03-31", "2020-05-31", "2020-06-30"]);
  });
});

describe("estimateActiveRisk: errors", () => {
  it("a fund with fewer than minMonths months is named", () => {
    assert.throws(
      () => estimateActiveRisk(tiny(), { minMonths: 6 }),
      /fund "C" \(Fund C\) has 5 months .*fewer than minMonths = 6/,
    );
  });
  it("a join shorter than minMonths is an error listing the funds' months", () => {
    assert.throws(
      () => estimateActiveRisk(tiny(), { minMonths: 5 }),
      /only 4 months are common to all 3 funds .*A 6 \(2020-01-31 … 2020-06-30\), C 5/,
    );
  });
  it("unknown ids, benchmarks, bad options", () => {
    assert.throws(() => estimateActiveRisk(tiny(), { funds: ["X"] }), /"X" is not in funds.csv/);
    assert.throws(() => estimateActiveRisk(tiny(), { funds: ["B"] }), /"B" is a benchmark/);
    assert.throws(() => estimateActiveRisk(tiny(), { minMonths: 1 }), /minMonths must be an integer ≥ 2/);
    assert.throws(() => estimateActiveRisk(tiny(), { minMonths: 3, shrinkage: 1.5 }), /outside \[0, 1\]/);
  });
  it("a constant active return has no tracking error", () => {
    assert.throws(
      () =>
        estimateFromActiveReturns(
          [
            [1, 1, 1],
            [1, 2, 3],
          ],
          { ids: ["X", "Y"] },
        ),
      /"X" is constant/,
    );
  });
});

describe("Ledoit–Wolf constant-correlation shrinkage", () => {
  const fixture = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "allocation", "shrinkage.json"), "utf8")) as {
    cases: {
      name: string;
      series: number[][];
      intensity: number;
      averageCorrelation: number;
      kappa: number;
      shrunkCorrelation: number[][];
    }[];
  };
  for (const c of fixture.cases) {
    it(`matches the numpy port of covCor.m: ${c.name}`, () => {
      const lw = ledoitWolfConstantCorrelation(c.series);
      close(lw.intensity, c.intensity, 1e-12, "δ");
      close(lw.averageCorrelation, c.averageCorrelation, 1e-14, "r̄");
      close(lw.kappa, c.kappa, 1e-9 * Math.abs(c.kappa), "κ");
      assert.ok(lw.intensity > 0 && lw.intensity < 1, "an interior intensity is tested");
      const e = estimateFromActiveReturns(c.series, { shrinkage: "ledoit-wolf" });
      assert.equal(e.shrinkage.intensity, lw.intensity);
      c.shrunkCorrelation.forEach((row, i) => {
        row.forEach((v, j) => {
          close(e.correlation[i][j], v, 1e-12, `ρ̂ ${i},${j}`);
        });
      });
      assert.ok(minEigenvalue(e.correlation) > 0);
    });
  }
  it("two series: the target equals the sample, intensity 0", () => {
    const lw = ledoitWolfConstantCorrelation([
      [1, 2, 0, 3],
      [2, 1, 1, 4],
    ]);
    assert.equal(lw.intensity, 0);
    assert.ok(Number.isNaN(lw.kappa));
  });
});

describe("the embedded sample reproduces the worked example", () => {
  const data = readFundReturns(join(ROOT, "data", "sample", "funds"));
  const pop = workedExamplePopulation();
  const e = estimateActiveRisk(data);
  it("227 joined months; alphas, TEs and correlations equal the population up to the file's rounding", () => {
    assert.equal(e.observations, 227);
    assert.equal(e.dropped.length, 13);
    assert.deepEqual(e.ids, pop.ids);
    e.ids.forEach((id, i) => {
      close(e.alphas[i] * 1e4, pop.alphas[i] * 1e4, 0.01, `${id} alpha (bps)`);
      close(e.trackingErrors[i] * 1e4, pop.trackingErrors[i] * 1e4, 0.01, `${id} TE (bps)`);
      e.correlation[i].forEach((v, j) => {
        close(v, pop.correlation[i][j], 1e-4, `${id} correlation ${j}`);
      });
    });
  });
  it("the equal-weight team runs about 92.3 bps of tracking error from 375 bps on average", () => {
    const w = e.ids.map(() => 1 / e.ids.length);
    const team = activeRiskAttribution(w, e.alphas, e.covariance);
    const ref = activeRiskAttribution(
      w,
      pop.alphas,
      pop.correlation.map((r, i) => r.map((v, j) => v * pop.trackingErrors[i] * pop.trackingErrors[j])),
    );
    close(ref.trackingError * 1e4, 92.3, 0.05, "population team TE");
    close(team.trackingError * 1e4, ref.trackingError * 1e4, 0.01, "estimated team TE");
    close(team.averageStandAloneRisk * 1e4, 375, 0.01, "average TE");
  });
  it("Ledoit–Wolf shrinks the sample's correlations by an interior intensity", () => {
    const s = estimateActiveRisk(data, { shrinkage: "ledoit-wolf" });
    assert.ok(s.shrinkage.intensity > 0.05 && s.shrinkage.intensity < 0.5, String(s.shrinkage.intensity));
  });
});

describe("display helpers", () => {
  it("describeDroppedMonths groups consecutive months with the same missing funds", () => {
    assert.equal(describeDroppedMonths([]), "none");
    assert.equal(
      describeDroppedMonths([
        { date: "2005-11-30", missing: ["M"] },
        { date: "2005-12-31", missing: ["M"] },
        { date: "2006-01-31", missing: ["M", "I"] },
        { date: "2006-03-31", missing: ["M", "I"] },
      ]),
      "2005-11-30 … 2005-12-31 (M); 2006-01-31 (M, I); 2006-03-31 (M, I)",
    );
  });
  it("referenceComparison matches by name and measures the difference in standard errors", () => {
    const e = estimateActiveRisk(tiny(), { minMonths: 3 });
    const rows = referenceComparison(e, [
      { fund: "Fund C", alphaBps: 1000, trackingErrorBps: 700 },
      { fund: "Other", alphaBps: 0, trackingErrorBps: 0 },
    ]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].fund, "Fund C");
    close(rows[0]["difference in std. errors"], 200 / (e.alphaStdErrors[1] * 1e4), 1e-12, "z");
  });
});
