/**
 * The table helpers and figure builders of notebook 03 (lib/allocation/micro-report.ts) and the
 * generic `matrixTable` (lib/notebook/tables.ts), on small hand-made inputs.
 *
 * Hand case used below: two uncorrelated funds, alphas 100 and 200 bps, tracking errors 300 and
 * 400 bps, equal weights. Then the team alpha is 150 bps, its TE √(¼·0.03² + ¼·0.04²) = 250 bps,
 * the average TE 350 bps (reduction 1 − 250/350 = 2/7), IR 0.6, the funds' average IR
 * (1/3 + 1/2)/2 = 5/12; return shares 1/3, 2/3; contributions to TE ½·½·0.03²/0.025 = 90 bps and
 * ½·½·0.04²/0.025 = 160 bps (shares 0.36, 0.64); alpha–team correlations 0.6 and 0.8.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type AttributionReportRow,
  activeRiskAttribution,
  alphaTeamCorrelationTable,
  alphaTrackingErrorFigure,
  attributionSharesFigure,
  attributionTotalsTable,
  clientSizingTable,
  type EqualContributionResult,
  equalContributionCertificateTable,
  equalVsMaxIrTable,
  inputsComparisonTable,
  meanVariance,
  portfolioSummary,
  type RiskAversionPoint,
  riskAversionAllocationFigure,
  riskAversionSweep,
  riskAversionSweepTable,
  segmentFrontierFigure,
  sharesComparisonFigure,
  type TargetAlphaSelection,
  teamInputsTable,
  teamSummaryTable,
} from "../../lib/allocation";
import { matrixTable } from "../../lib/notebook";
import { ArgumentError } from "../../lib/validation";
import { assertAllClose, assertClose } from "../helpers";

const names = ["A", "B"];
const alphas = [0.01, 0.02];
const tes = [0.03, 0.04];
const cov = [
  [0.0009, 0],
  [0, 0.0016],
];
const team = activeRiskAttribution([0.5, 0.5], alphas, cov);

const best: TargetAlphaSelection = {
  weights: [0.2, 0.8],
  expectedReturn: 0.018,
  risk: 0.03,
  utility: Number.NaN,
  informationRatio: 0.6,
  selected: [0, 1],
};

/** Numeric values of a list of records, column by column (for assertAllClose). */
function column(rows: readonly Record<string, unknown>[], key: string): number[] {
  return rows.map((r) => r[key] as number);
}

test("matrixTable: row i, column j of the table is m[i][j] (non-symmetric, named columns)", () => {
  const m = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  const t = matrixTable("row", ["r0", "r1"], m, ["c0", "c1", "c2"]);
  assert.deepEqual(Object.keys(t), ["row", "c0", "c1", "c2"]);
  assert.deepEqual(t, { row: ["r0", "r1"], c0: [1, 4], c1: [2, 5], c2: [3, 6] });
});

test("matrixTable: square matrix, columns named after the rows by default (not transposed)", () => {
  const m = [
    [1, 0.2],
    [0.7, 1],
  ];
  const t = matrixTable("fund", names, m);
  // row "A", column "B" is m[0][1] = 0.2; row "B", column "A" is m[1][0] = 0.7
  assert.deepEqual(t, { fund: ["A", "B"], A: [1, 0.7], B: [0.2, 1] });
  // Float64Array rows are accepted
  assert.deepEqual(matrixTable("fund", names, [Float64Array.of(1, 2), Float64Array.of(3, 4)]), {
    fund: ["A", "B"],
    A: [1, 3],
    B: [2, 4],
  });
});

test("matrixTable: shape mismatches and repeated column names are ArgumentErrors", () => {
  assert.throws(() => matrixTable("fund", names, [[1, 2]]), ArgumentError);
  assert.throws(() => matrixTable("fund", names, [[1, 2], [3]]), ArgumentError);
  assert.throws(
    () =>
      matrixTable(
        "fund",
        ["x", "x"],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ArgumentError,
  );
  assert.throws(
    () =>
      matrixTable("A", names, [
        [1, 2],
        [3, 4],
      ]),
    ArgumentError,
  );
});

test("teamInputsTable: alphas and TEs in bps", () => {
  const t = teamInputsTable(names, alphas, tes);
  assert.deepEqual(
    t.map((r) => r.fund),
    ["A", "B"],
  );
  assertAllClose(column(t, "alpha (bps)"), [100, 200]);
  assertAllClose(column(t, "TE (bps)"), [300, 400]);
});

test("teamSummaryTable: the headline of the hand case, with and without an alternative TE", () => {
  const t = teamSummaryTable(team);
  assert.deepEqual(
    t.map((r) => r.measure),
    [
      "average tracking error of the funds (bps)",
      "team tracking error (bps)",
      "reduction of tracking error (%)",
      "team alpha (bps)",
      "team information ratio",
      "average information ratio of the funds",
    ],
  );
  assertAllClose(column(t, "value"), [350, 250, (2 / 7) * 100, 150, 0.6, 5 / 12], 1e-10);
  const withAlt = teamSummaryTable(team, [{ label: "shrunk", trackingError: 0.02 }]);
  assert.equal(withAlt.length, 7);
  assert.equal(withAlt[2].measure, "team tracking error, shrunk (bps)");
  assertClose(withAlt[2].value, 200, 1e-10);
  assert.equal(withAlt[3].measure, "reduction of tracking error (%)");
});

test("attributionTotalsTable: contributions sum to the team alpha and TE, shares to 100%", () => {
  const [r] = attributionTotalsTable(team);
  assert.equal(r.total, "sum over funds");
  assertClose(r["contribution to alpha (bps)"], 150, 1e-10);
  assertClose(r["contribution to TE (bps)"], 250, 1e-10);
  assertClose(r["% of alpha"], 100, 1e-10);
  assertClose(r["% of TE"], 100, 1e-10);
});

test("equalVsMaxIrTable and inputsComparisonTable: two rows per set of inputs, bps", () => {
  const t = equalVsMaxIrTable(team, best);
  assert.deepEqual(
    t.map((r) => r.team),
    ["equal weight", "max IR at target alpha"],
  );
  assertAllClose(column(t, "alpha (bps)"), [150, 180], 1e-10);
  assertAllClose(column(t, "TE (bps)"), [250, 300], 1e-10);
  assertAllClose(column(t, "information ratio"), [0.6, 0.6], 1e-12);

  const c = inputsComparisonTable([
    { inputs: "worked example", equal: team, best: best },
    { inputs: "estimated", equal: team, best: { ...best, expectedReturn: 0.01, risk: 0.02, informationRatio: 0.5 } },
  ]);
  assert.deepEqual(Object.keys(c[0]), ["inputs", "team", "alpha (bps)", "TE (bps)", "information ratio"]);
  assert.deepEqual(
    c.map((r) => `${r.inputs} / ${r.team}`),
    [
      "worked example / equal weight",
      "worked example / max IR at target alpha",
      "estimated / equal weight",
      "estimated / max IR at target alpha",
    ],
  );
  assertAllClose(column(c, "alpha (bps)"), [150, 180, 150, 100], 1e-10);
  assertAllClose(column(c, "TE (bps)"), [250, 300, 250, 200], 1e-10);
  assertAllClose(column(c, "information ratio"), [0.6, 0.6, 0.6, 0.5], 1e-12);
});

test("equalContributionCertificateTable: one row, excluded funds by name or 'none'", () => {
  const ec: EqualContributionResult = {
    weights: [1, 0],
    returnShares: [1, 0],
    riskShares: [1, 0],
    efficiencies: [0, 0],
    expectedAlpha: 0.01,
    trackingError: 0.03,
    informationRatio: 1 / 3,
    objective: 0.25,
    stationarity: 1e-9,
    converged: true,
    iterations: 12,
    start: "inverse-te",
    equalized: false,
    excluded: [1],
  };
  assert.deepEqual(equalContributionCertificateTable(ec, names), [
    {
      objective: 0.25,
      stationarity: 1e-9,
      converged: true,
      "exactly equal": false,
      iterations: 12,
      start: "inverse-te",
      excluded: "B",
    },
  ]);
  assert.equal(equalContributionCertificateTable({ ...ec, excluded: [] }, names)[0].excluded, "none");
});

test("clientSizingTable: k, client alpha and TE for an alpha target and a TE budget, per team", () => {
  const teams = [
    { label: "equal", weights: [0.5, 0.5] },
    { label: "B only", weights: [0, 1] },
  ];
  const t = clientSizingTable(teams, alphas, cov, { alphaBps: 100, trackingErrorBps: 50 });
  assert.deepEqual(
    t.map((r) => [r.team, r["client target"], r["without leverage"]]),
    [
      ["equal", "alpha 100 bps", true],
      ["equal", "TE 50 bps", true],
      ["B only", "alpha 100 bps", true],
      ["B only", "TE 50 bps", true],
    ],
  );
  // equal team: α 150, TE 250 → k = 2/3 (alpha target), 1/5 (TE budget); B only: α 200, TE 400 → 1/2, 1/8
  assertAllClose(column(t, "share in the team k (%)"), [200 / 3, 20, 50, 12.5], 1e-10);
  assertAllClose(column(t, "client alpha (bps)"), [100, 30, 100, 25], 1e-10);
  assertAllClose(column(t, "client TE (bps)"), [500 / 3, 50, 200, 50], 1e-10);
  // an alpha target above the team's alpha needs leverage
  const lev = clientSizingTable([teams[0]], alphas, cov, { alphaBps: 300, trackingErrorBps: 50 });
  assertClose(lev[0]["share in the team k (%)"], 200, 1e-10);
  assert.equal(lev[0]["without leverage"], false);
});

test("alphaTeamCorrelationTable: column 'fund', then one column of correlations per team", () => {
  const t = alphaTeamCorrelationTable(
    names,
    [
      { label: "equal", weights: [0.5, 0.5] },
      { label: "B only", weights: [0, 1] },
    ],
    cov,
  );
  assert.deepEqual(Object.keys(t), ["fund", "equal", "B only"]);
  assert.deepEqual(t.fund, ["A", "B"]);
  assertAllClose(t.equal as number[], [0.6, 0.8], 1e-12);
  assertAllClose(t["B only"] as number[], [0, 1], 1e-12);
});

test("attributionSharesFigure: bars of % of alpha and % of TE, efficiency as diamonds", () => {
  const row = (name: string, pa: number, pt: number): AttributionReportRow => ({
    name,
    weight: 0.5,
    "alpha (bps)": 0,
    "TE (bps)": 0,
    "contribution to alpha (bps)": 0,
    "contribution to TE (bps)": 0,
    "% of alpha": pa,
    "% of TE": pt,
    "efficiency (pp)": pa - pt,
  });
  const fig = attributionSharesFigure([row("A", 40, 30), row("B", 60, 70)], "T");
  assert.deepEqual(fig, {
    data: [
      { type: "bar", name: "% of alpha", x: ["A", "B"], y: [40, 60] },
      { type: "bar", name: "% of tracking error", x: ["A", "B"], y: [30, 70] },
      {
        type: "scatter",
        mode: "markers",
        name: "efficiency (pp)",
        x: ["A", "B"],
        y: [10, -10],
        marker: { size: 11, symbol: "diamond", color: "black" },
      },
    ],
    layout: {
      title: { text: "T" },
      barmode: "group",
      yaxis: { title: { text: "percent of team total / percentage points" } },
    },
  });
});

test("alphaTrackingErrorFigure: frontiers (dash optional), single funds, team markers, all in bps", () => {
  const fig = alphaTrackingErrorFigure({
    frontiers: [
      {
        name: "f1",
        points: [
          { risk: 0.01, expectedReturn: 0.005 },
          { risk: 0.02, expectedReturn: 0.015 },
        ],
      },
      { name: "f2", points: [{ risk: 0.03, expectedReturn: 0.02 }], dash: "dash" },
    ],
    funds: { name: "funds", names: names, alphas: alphas, trackingErrors: tes },
    teams: [{ name: "team", alpha: 0.015, trackingError: 0.025, symbol: "square" }],
    title: "T",
  });
  const [f1, f2, funds, t] = fig.data;
  assert.equal(fig.data.length, 4);
  assert.deepEqual(Object.keys(f1), ["type", "mode", "name", "x", "y"]);
  assertAllClose(f1.x as number[], [100, 200], 1e-10);
  assertAllClose(f1.y as number[], [50, 150], 1e-10);
  assert.deepEqual(f2.line, { dash: "dash" });
  assertAllClose(f2.x as number[], [300], 1e-10);
  assert.deepEqual(
    [funds.mode, funds.name, funds.text, funds.textposition],
    ["markers+text", "funds", ["A", "B"], "top center"],
  );
  assertAllClose(funds.x as number[], [300, 400], 1e-10);
  assertAllClose(funds.y as number[], [100, 200], 1e-10);
  assert.deepEqual([t.mode, t.name, t.marker], ["markers", "team", { size: 12, symbol: "square" }]);
  assertAllClose(t.x as number[], [250], 1e-10);
  assertAllClose(t.y as number[], [150], 1e-10);
  assert.deepEqual(fig.layout, {
    title: { text: "T" },
    xaxis: { title: { text: "tracking error (bps)" } },
    yaxis: { title: { text: "alpha (bps)" } },
  });
  // without teams: the frontiers, then the funds only
  const noTeams = alphaTrackingErrorFigure({
    frontiers: [{ name: "f", points: [] }],
    funds: { name: "funds", names: names, alphas: alphas, trackingErrors: tes },
    title: "T",
  });
  assert.deepEqual(
    noTeams.data.map((d) => d.name),
    ["f", "funds"],
  );
});

test("sharesComparisonFigure: two bars per team (attribution or shares), dotted line at 100/n", () => {
  const fig = sharesComparisonFigure(
    names,
    [
      { label: "eq", shares: team },
      { label: "ec", shares: { returnShares: [0.5, 0.5], riskShares: [0.25, 0.75] } },
    ],
    "T",
  );
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["eq: % of alpha", "eq: % of TE", "ec: % of alpha", "ec: % of TE"],
  );
  assert.ok(fig.data.every((d) => d.type === "bar" && (d.x as string[]).join() === "A,B"));
  assertAllClose(fig.data[0].y as number[], [100 / 3, 200 / 3], 1e-10);
  assertAllClose(fig.data[1].y as number[], [36, 64], 1e-10);
  assert.deepEqual(fig.data[2].y, [50, 50]);
  assert.deepEqual(fig.data[3].y, [25, 75]);
  assert.deepEqual(fig.layout, {
    title: { text: "T" },
    barmode: "group",
    yaxis: { title: { text: "percent of team total" } },
    shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 50, y1: 50, line: { dash: "dot" } }],
  });
});

// Hand-made sweep over two segments (fractions), for the table and the figures.
const sweepPoint = (lambda: number, w: number[], er: number, risk: number, sharpe: number): RiskAversionPoint => ({
  lambda,
  result: { weights: w, expectedReturn: er, risk, utility: Number.NaN },
  summary: { expectedReturn: er, risk, sharpe },
});
const sweep = [sweepPoint(1, [0.25, 0.75], 0.09, 0.2, 0.3), sweepPoint(4, [0.75, 0.25], 0.07, 0.125, 0.4)];
const segNames = ["Large", "Small"];

test("riskAversionSweep: two assets, interior optimum w₁ = 0.5/λ + 0.2 and the cap at 1", () => {
  // μ = (10 %, 5 %), uncorrelated variances 0.04 and 0.01: d/dw₁ of μᵀw − λwᵀΣw on w₂ = 1 − w₁
  // vanishes at w₁ = 0.5/λ + 0.2 → 0.7 at λ = 1, 0.3 at λ = 5, capped at 1 for λ = 0.5.
  const mu = [0.1, 0.05];
  const s = [
    [0.04, 0],
    [0, 0.01],
  ];
  const sw = riskAversionSweep(mu, s, [0.5, 1, 5], 0.02);
  assert.deepEqual(
    sw.map((p) => p.lambda),
    [0.5, 1, 5],
  );
  assertAllClose(
    sw.map((p) => p.result.weights[0]),
    [1, 0.7, 0.3],
    1e-8,
  );
  assertClose(sw[1].summary.expectedReturn, 0.085, 1e-9);
  assertClose(sw[1].summary.risk, Math.sqrt(0.0205), 1e-9);
  assertClose(sw[1].summary.sharpe, (0.085 - 0.02) / Math.sqrt(0.0205), 1e-8);
  // the same as calling meanVariance and portfolioSummary directly
  const direct = meanVariance(mu, s, 5);
  assert.deepEqual(sw[2].result, direct);
  assert.deepEqual(sw[2].summary, portfolioSummary(direct.weights, mu, s, 0.02));
});

test("riskAversionSweepTable: one row per λ, segment weights, optional combined column", () => {
  const t = riskAversionSweepTable(sweep, segNames, { label: "both", indices: [0, 1] });
  assert.deepEqual(t, [
    { "risk aversion λ": 1, Large: 0.25, Small: 0.75, both: 1, "expected return": 0.09, volatility: 0.2, Sharpe: 0.3 },
    {
      "risk aversion λ": 4,
      Large: 0.75,
      Small: 0.25,
      both: 1,
      "expected return": 0.07,
      volatility: 0.125,
      Sharpe: 0.4,
    },
  ]);
  assert.deepEqual(Object.keys(t[0]), [
    "risk aversion λ",
    "Large",
    "Small",
    "both",
    "expected return",
    "volatility",
    "Sharpe",
  ]);
  assert.deepEqual(Object.keys(riskAversionSweepTable(sweep, segNames)[0]), [
    "risk aversion λ",
    "Large",
    "Small",
    "expected return",
    "volatility",
    "Sharpe",
  ]);
});

test("riskAversionAllocationFigure: one stacked trace per segment against λ on a log axis", () => {
  const fig = riskAversionAllocationFigure(sweep, segNames, "T");
  assert.deepEqual(fig, {
    data: [
      { type: "scatter", mode: "lines", stackgroup: "weights", name: "Large", x: [1, 4], y: [0.25, 0.75] },
      { type: "scatter", mode: "lines", stackgroup: "weights", name: "Small", x: [1, 4], y: [0.75, 0.25] },
    ],
    layout: {
      title: { text: "T" },
      xaxis: { title: { text: "risk aversion λ" }, type: "log" },
      yaxis: { title: { text: "weight" }, range: [0, 1] },
    },
  });
});

test("segmentFrontierFigure: frontier, λ optima labelled, single segments, in fractions", () => {
  const fig = segmentFrontierFigure({
    frontier: [
      { risk: 0.1, expectedReturn: 0.06 },
      { risk: 0.25, expectedReturn: 0.1 },
    ],
    sweep: sweep,
    segments: { names: segNames, expectedReturns: [0.06, 0.1], volatilities: [0.15, 0.25] },
    title: "T",
  });
  assert.deepEqual(fig.data, [
    { type: "scatter", mode: "lines", name: "efficient frontier", x: [0.1, 0.25], y: [0.06, 0.1] },
    {
      type: "scatter",
      mode: "markers+text",
      name: "mean-variance optimum for λ",
      x: [0.2, 0.125],
      y: [0.09, 0.07],
      text: ["λ=1", "λ=4"],
      textposition: "middle right",
    },
    {
      type: "scatter",
      mode: "markers+text",
      name: "single segments",
      x: [0.15, 0.25],
      y: [0.06, 0.1],
      text: ["Large", "Small"],
      textposition: "bottom right",
    },
  ]);
  assert.deepEqual(fig.layout, {
    title: { text: "T" },
    xaxis: { title: { text: "volatility (annual)" } },
    yaxis: { title: { text: "expected return (annual)" } },
  });
});
