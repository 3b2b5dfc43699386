import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { runAilaIndex } from "../../lib/aila/aila-index";
import {
  type ConstrainedFit,
  type ConstrainedFitProblem,
  fitConstrainedWeights,
  fitConstrainedWeightsSeries,
} from "../../lib/aila/constrained-weights";
import { readDailySample } from "../../lib/aila/daily-data";
import { assertKkt, fitCaseFields, violations } from "./fit-checks";
import { scaledFitCases } from "./synthetic-fit-cases";

/** Warm series against the cold solve day by day: same status, angles within 1e-12 rad. */
function compareSeries(problems: ConstrainedFitProblem[]) {
  const warm = fitConstrainedWeightsSeries(problems);
  let worst = 0;
  let activeSet = 0;
  let fallback = 0;
  for (const [k, p] of problems.entries()) {
    const c = fitConstrainedWeights(p);
    const w = warm[k];
    assert.equal(w.status, c.status, `day ${k}: status`);
    assert.equal(w.maxFeasibleSum, c.maxFeasibleSum, `day ${k}: S_max`);
    const diff = Math.abs(w.angle - c.angle);
    assert.ok(diff <= 1e-12, `day ${k}: warm angle ${w.angle} vs cold ${c.angle} (${w.solver})`);
    worst = Math.max(worst, diff);
    if (w.solver === "active-set") activeSet++;
    if (w.solver === "quadprog") fallback++;
    if (c.status === "fit" || c.status === "scaled") {
      const T = Math.min(c.requestedSum, c.maxFeasibleSum);
      const v = violations(p, w.weights, T);
      for (const [name, x] of Object.entries(v))
        if (name !== "sum" || p.maxAllocation === undefined) assert.ok(x <= 1e-9, `day ${k}: ${name} violated by ${x}`);
      for (let i = 0; i < w.weights.length; i++)
        assert.ok(Math.abs(w.weights[i] - c.weights[i]) <= 1e-9, `day ${k}: weight ${i}`);
    }
  }
  return { worst, activeSet, fallback, days: problems.length };
}

test("warm-started series equals the cold solve within 1e-12 rad on every day of the daily sample", () => {
  const r = runAilaIndex(readDailySample("data/sample/daily"));
  const problems: ConstrainedFitProblem[] = r.dates.map((_, t) => ({
    wU: r.wU[t],
    assetCaps: r.assetCaps[t],
    sector: r.sector,
    sectorCaps: r.sectorCaps,
    sharpe: r.sharpe[t],
    sharpeFloor: r.params.sharpeFloor,
    maxAllocation: r.params.maxAllocation,
  }));
  const s = compareSeries(problems);
  // the warm start is certified on nearly every fitted day
  assert.ok(s.activeSet >= 0.95 * (s.activeSet + s.fallback), `active-set ${s.activeSet}, fallback ${s.fallback}`);
});

test("warm-started series equals the cold solve within 1e-12 rad on the scaled synthetic case (100 assets)", () => {
  const s = compareSeries(scaledFitCases(100, 150));
  assert.ok(s.activeSet >= 0.9 * s.days, `active-set ${s.activeSet} of ${s.days}`);
});

test("a wrong warm start falls back to the cold solve (bit-identical) or is corrected by the active-set steps", () => {
  const days = scaledFitCases(100, 3);
  const cold = fitConstrainedWeights(days[2]);
  // yesterday's set of another day, and an absurd one: every asset at its cap, every sector binding
  const other = fitConstrainedWeightsSeries(days.slice(0, 2))[1].warmStart!;
  const absurd = { assets: new Int8Array(100).fill(2), sectors: [0, 1, 2, 3, 4, 5, 6, 7], sharpe: true };
  for (const warmStart of [other, absurd]) {
    const verifyOnly = fitConstrainedWeights(days[2], { warmStart, maxIterations: 0 });
    assert.equal(verifyOnly.solver, "quadprog");
    assert.deepEqual(verifyOnly.weights, cold.weights);
    assert.equal(verifyOnly.angle, cold.angle);
    assert.deepEqual(verifyOnly.binding, cold.binding);
    const corrected = fitConstrainedWeights(days[2], { warmStart });
    assert.equal(corrected.solver, "active-set");
    assert.ok(Math.abs(corrected.angle - cold.angle) <= 1e-12);
    // the fallback's own working set certifies at once the next time
    const again = fitConstrainedWeights(days[2], { warmStart: verifyOnly.warmStart, maxIterations: 0 });
    assert.equal(again.solver, "active-set");
    assert.ok(Math.abs(again.angle - cold.angle) <= 1e-12);
  }
});

test("default behaviour unchanged: without options no warm-start fields; no projection → solver none", () => {
  const p = { wU: [0.5, -0.3, 0.2], assetCaps: [0.4, 0.4, 0.4] };
  const r = fitConstrainedWeights(p);
  assert.ok(!("solver" in r) && !("warmStart" in r));
  const few = fitConstrainedWeights({ wU: [0.5, 0, 0], assetCaps: [0.3, 0.3, 0.3] }, { warmStart: null });
  assert.equal(few.solver, "none");
  assert.equal(few.warmStart, null);
  const w = fitConstrainedWeights(p, { warmStart: null });
  assert.equal(w.solver, "active-set");
  assert.ok(Math.abs(w.angle - r.angle) <= 1e-12);
});

test("warm-started fits of perturbed consecutive days: KKT certificate and the cold angle (fast-check)", () => {
  const arb = fc.integer({ min: 6, max: 12 }).chain((m) =>
    fc.record({
      ...fitCaseFields(m),
      // day-to-day multiplicative noise on a and the caps
      noise: fc.array(
        fc.integer({ min: -200, max: 200 }).map((k) => k / 1000),
        { minLength: 4 * m, maxLength: 4 * m },
      ),
    }),
  );
  fc.assert(
    fc.property(arb, (c) => {
      const m = c.a.length;
      let warm: ConstrainedFit["warmStart"] = null;
      for (let day = 0; day < 4; day++) {
        const dc = {
          ...c,
          a: c.a.map((x, i) => x * (1 + c.noise[day * m + i])),
          caps: c.caps.map((x, i) => x * (1 - c.noise[((day + 1) % 4) * m + i])),
        };
        const p: ConstrainedFitProblem = {
          wU: dc.a,
          assetCaps: dc.caps,
          sector: dc.sector,
          sectorCaps: dc.sectorCaps,
          sharpe: dc.sharpe,
          sharpeFloor: dc.floor,
        };
        const w = fitConstrainedWeights(p, { warmStart: warm });
        const cold = fitConstrainedWeights(p);
        warm = w.warmStart;
        assert.equal(w.status, cold.status);
        assert.ok(Math.abs(w.angle - cold.angle) <= 1e-12, `day ${day}: ${w.angle} vs ${cold.angle} (${w.solver})`);
        if (w.status !== "infeasible") assertKkt(dc, w);
      }
    }),
    { numRuns: 150, seed: 11 },
  );
});
