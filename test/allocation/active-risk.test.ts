import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activeReturns,
  activeRiskAttribution,
  activeWeights,
  attributionReport,
  averagePairwiseCorrelation,
  blockCorrelation,
  correlationFromCovariance,
  correlationMatrix,
  covarianceFromCorrelation,
  covarianceMatrix,
  exAnteTrackingError,
  minEigenvalue,
} from "../../lib/allocation";
import { assertClose as close } from "../helpers";

// Two funds, weights 0.6 / 0.4, alphas 2% / 1%, TEs 4% / 3%, alpha correlation 0.5.
// By hand: Σ = [[0.0016, 0.0006], [0.0006, 0.0009]], Σa = [0.0012, 0.00072], aᵀΣa = 0.001008,
// R_A = 0.016; %risk = 0.00072/0.001008 = 5/7 and 2/7; %return = 0.75 / 0.25; efficiency ±1/28.
test("activeRiskAttribution: two funds, hand-computed", () => {
  const cov = covarianceFromCorrelation(
    [0.04, 0.03],
    [
      [1, 0.5],
      [0.5, 1],
    ],
  );
  close(cov[0][1], 0.0006, 1e-15);
  const r = activeRiskAttribution([0.6, 0.4], [0.02, 0.01], cov);
  close(r.trackingError, Math.sqrt(0.001008));
  close(r.activeReturn, 0.016);
  close(r.rows[0].pctContributionToRisk, 5 / 7);
  close(r.rows[1].pctContributionToRisk, 2 / 7);
  close(r.rows[0].contributionToRisk, 0.00072 / Math.sqrt(0.001008));
  close(r.rows[0].marginalContributionToRisk, 0.0012 / Math.sqrt(0.001008));
  close(r.rows[0].pctContributionToReturn, 0.75);
  close(r.rows[0].efficiency, 1 / 28);
  close(r.rows[1].efficiency, -1 / 28);
  close(r.informationRatio, 0.016 / Math.sqrt(0.001008));
  close(r.averageStandAloneRisk, 0.6 * 0.04 + 0.4 * 0.03);
  close(r.diversificationRatio, 1 - Math.sqrt(0.001008) / 0.036);
  close(r.averageInformationRatio, 0.6 * (0.02 / 0.04) + 0.4 * (0.01 / 0.03));
});

// Three stocks against a benchmark: a = [0.1, −0.1, 0]; Σ diag [0.04, 0.09, 0.01], Σ12 = 0.018.
// By hand: Σa = [0.0022, −0.0072, 0], aᵀΣa = 0.00094; %risk = 0.22/0.94, 0.72/0.94, 0.
test("activeRiskAttribution: holdings vs benchmark, hand-computed", () => {
  const a = activeWeights([0.5, 0.3, 0.2], [0.4, 0.4, 0.2]);
  close(a[0], 0.1, 1e-15);
  close(a[1], -0.1, 1e-15);
  assert.equal(a[2], 0);
  const cov = [
    [0.04, 0.018, 0],
    [0.018, 0.09, 0],
    [0, 0, 0.01],
  ];
  close(exAnteTrackingError(a, cov), Math.sqrt(0.00094));
  const r = activeRiskAttribution(a, [0.05, -0.02, 0.01], cov);
  close(r.activeReturn, 0.005 + 0.002);
  close(r.rows[0].pctContributionToRisk, 0.22 / 0.94);
  close(r.rows[1].pctContributionToRisk, 0.72 / 0.94);
  assert.equal(r.rows[2].pctContributionToRisk, 0);
  close(r.rows[0].pctContributionToReturn, 5 / 7);
});

test("activeRiskAttribution: contributions sum to TE and to the active return (random cases)", () => {
  let seed = 12345;
  const u = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let trial = 0; trial < 50; trial++) {
    const n = 2 + Math.floor(u() * 8);
    const B = Array.from({ length: n }, () => [u() - 0.5, u() - 0.5, u() - 0.5]);
    const cov = B.map((bi, i) =>
      B.map((bj, j) => bi.reduce((s, x, k) => s + x * bj[k], 0) * 0.01 + (i === j ? 0.001 * (1 + u()) : 0)),
    );
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) cov[i][j] = cov[j][i];
    const a = Array.from({ length: n }, () => u() - 0.5);
    const ret = Array.from({ length: n }, () => (u() - 0.3) * 0.05);
    const r = activeRiskAttribution(a, ret, cov);
    const sumTe = r.rows.reduce((s, x) => s + x.contributionToRisk, 0);
    const sumPct = r.rows.reduce((s, x) => s + x.pctContributionToRisk, 0);
    const sumRet = r.rows.reduce((s, x) => s + x.contributionToReturn, 0);
    const sumPctRet = r.rows.reduce((s, x) => s + x.pctContributionToReturn, 0);
    const sumEff = r.rows.reduce((s, x) => s + x.efficiency, 0);
    close(sumTe, r.trackingError, 1e-12);
    close(sumPct, 1, 1e-12);
    close(sumRet, r.activeReturn, 1e-14);
    close(sumPctRet, 1, 1e-9);
    close(sumEff, 0, 1e-9);
  }
});

test("correlationMatrix / covarianceMatrix of alpha series (hand-computed)", () => {
  // x = [1, 2, 3], y = [2, 4, 6] (ρ = 1), z = [3, 1, 2]: cov(x, z) = −0.5, var = 1, ρ(x, z) = −0.5.
  const series = [
    [1, 2, 3],
    [2, 4, 6],
    [3, 1, 2],
  ];
  const c = correlationMatrix(series);
  close(c[0][1], 1);
  close(c[0][2], -0.5);
  close(c[1][2], -0.5);
  const v = covarianceMatrix(series);
  close(v[0][0], 1);
  close(v[1][1], 4);
  close(v[0][2], -0.5);
  const back = correlationFromCovariance(v);
  close(back[0][2], -0.5);
  const act = activeReturns(
    [
      [0.02, 0.01],
      [0.0, 0.03],
    ],
    [0.01, 0.01],
  );
  assert.deepEqual(
    act.map((r) => r.map((x) => Math.round(x * 1e12) / 1e12)),
    [
      [0.01, 0],
      [-0.01, 0.02],
    ],
  );
});

test("bad input gets a clear error", () => {
  assert.throws(() => activeWeights([0.5, 0.5], [1]), /benchmark has 1 values, expected 2/);
  assert.throws(
    () =>
      exAnteTrackingError(
        [0.5, Number.NaN],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    /active\[1\] is NaN/,
  );
  assert.throws(
    () =>
      exAnteTrackingError(
        [1, 1],
        [
          [1, 0.5],
          [0.2, 1],
        ],
      ),
    /not symmetric/,
  );
  assert.throws(
    () =>
      exAnteTrackingError(
        [1, -1],
        [
          [1, 2],
          [2, 1],
        ],
      ),
    /not positive semi-definite/,
  );
  assert.throws(
    () =>
      correlationMatrix([
        [1, 1, 1],
        [1, 2, 3],
      ]),
    /series 0 is constant/,
  );
  assert.throws(
    () =>
      covarianceFromCorrelation(
        [0.1, 0.2],
        [
          [1, 1.5],
          [1.5, 1],
        ],
      ),
    /outside \[-1, 1\]/,
  );
});

// Equal-weight team of n funds with equal TE σ and equal pairwise correlation ρ:
// TE_team = σ·√(1/n + (1 − 1/n)ρ). With n = 4, σ = 0.04, ρ = −0.2: √(0.25 − 0.15) = √0.1.
test("blockCorrelation + team TE: closed form for equicorrelated funds; PSD check", () => {
  const c = blockCorrelation(["a", "a", "a", "a"], { "a|a": -0.2 });
  close(averagePairwiseCorrelation(c), -0.2, 1e-15);
  // Eigenvalues of the equicorrelation matrix: 1 + 3ρ = 0.4 and 1 − ρ = 1.2 (three times).
  close(minEigenvalue(c), 0.4, 1e-12);
  const cov = covarianceFromCorrelation([0.04, 0.04, 0.04, 0.04], c);
  close(exAnteTrackingError([0.25, 0.25, 0.25, 0.25], cov), 0.04 * Math.sqrt(0.1), 1e-15);
  const mixed = blockCorrelation(["v", "g", "v"], { "v|v": 0.2, "g|v": -0.3 });
  assert.equal(mixed[0][1], -0.3);
  assert.equal(mixed[0][2], 0.2);
  assert.throws(() => blockCorrelation(["a", "a", "a", "a"], { "a|a": -0.5 }), /not positive semi-definite/);
  assert.throws(() => blockCorrelation(["a", "b"], { "a|a": 0.5 }), /no correlation given for the pair "a\|b"/);
});

test("attributionReport: bps / percent units, round-off shown as 0", () => {
  const cov = covarianceFromCorrelation(
    [0.04, 0.03],
    [
      [1, 0.5],
      [0.5, 1],
    ],
  );
  const rep = attributionReport(["A", "B"], activeRiskAttribution([0.6, 0.4], [0.02, 0.01], cov));
  close(rep[0]["alpha (bps)"], 200, 1e-12);
  close(rep[0]["% of TE"], 500 / 7, 1e-12);
  close(rep[1]["efficiency (pp)"], -100 / 28, 1e-12);
  // Two identical funds in equal weights: efficiency is exactly balanced.
  const same = attributionReport(
    ["A", "B"],
    activeRiskAttribution(
      [0.5, 0.5],
      [0.01, 0.01],
      [
        [0.01, 0.002],
        [0.002, 0.01],
      ],
    ),
  );
  assert.ok(same[0]["efficiency (pp)"] === 0);
  assert.throws(() => attributionReport(["A"], activeRiskAttribution([1, 0], [0, 0], cov)), /1 names for 2 holdings/);
});

// The team of notebook 03: 8 funds, TEs 300..450 bps (mean 375), style correlations +0.15 within
// value / growth, −0.35 between them, 0 for the two core funds. Reference values from numpy
// (/usr/bin/python3, w = 1/8): team TE 92.30659679838706 bps; Micro-cap Core's % of TE 0.3312320916905444.
test("notebook 03 team of funds: 375 bps average TE → 92.3 bps team TE (numpy reference)", () => {
  const te = [300, 350, 325, 400, 375, 450, 425, 375].map((x) => x / 1e4);
  const corr = blockCorrelation(["v", "g", "v", "g", "v", "g", "c", "c"], {
    "v|v": 0.15,
    "g|g": 0.15,
    "v|g": -0.35,
    "c|v": 0,
    "c|g": 0,
    "c|c": 0,
  });
  const r = activeRiskAttribution(
    new Array(8).fill(1 / 8),
    new Array(8).fill(0.01),
    covarianceFromCorrelation(te, corr),
  );
  close(r.averageStandAloneRisk * 1e4, 375, 1e-10);
  close(r.trackingError * 1e4, 92.30659679838706, 1e-10);
  close(r.rows[6].pctContributionToRisk, 0.3312320916905444, 1e-14);
});
