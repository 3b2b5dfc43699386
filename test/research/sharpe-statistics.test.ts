/**
 * lib/research/sharpe-statistics.ts against
 * - the published numerical example of Bailey & López de Prado (2014), "The Deflated Sharpe
 *   Ratio" (N = 100 trials, V = 1/2 annualised, 5 years of daily returns, SR 2.5 annualised,
 *   γ₃ = −3, γ₄ = 10: SR₀ ≈ 0.1132 per day, DSR ≈ 0.9004 — the paper's rounded figures);
 * - scipy / numpy values of test/reference/sharpe_statistics.py
 *   (test/fixtures/research/sharpe-statistics.json): Φ and Φ⁻¹, the moments, PSR, Lo's η(q) for
 *   AR(1) autocorrelations, an independent matrix implementation of Lo's GMM standard errors,
 *   the DSR of a list of trials;
 * - hand computations and identities (Lo's IID SE, the q = 1 / m = 0 GMM identity, η(q) = √q);
 * - properties (fast-check): PSR monotonicity under its exact condition, DSR ≤ PSR(0) for N ≥ 2,
 *   positive standard errors, bootstrap intervals that cover the sample statistic, seeds.
 * simple-statistics is loaded with a dynamic import (its types are ESM, see the module header)
 * as an independent check of the skewness/kurtosis and to show why its normal CDF is not used.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { correctedSharpeRatio } from "../../lib/backtest/sharpe";
import { createRng } from "../../lib/random";
import {
  autocorrelations,
  bootstrapSharpeDifferenceInterval,
  bootstrapSharpeInterval,
  defaultNeweyWestLags,
  deflatedSharpeRatio,
  expectedMaxSharpe,
  loEta,
  loEtaAr1,
  loSharpeGmm,
  neweyWestVariance,
  normalCdf,
  normalQuantile,
  probabilisticSharpeRatio,
  probabilisticSharpeRatioOf,
  quantileSorted,
  returnMoments,
  sharpeStandardErrorIid,
  sharpeVariance,
  stationaryBootstrapIndices,
} from "../../lib/research/sharpe-statistics";

const fx = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "research", "sharpe-statistics.json"), "utf8"),
) as {
  normal: { z: number[]; cdf: number[]; p: number[]; ppf: number[] };
  series: {
    returns: number[];
    mean: number;
    sd: number;
    sharpe: number;
    skewness: number;
    kurtosis: number;
    autocorrelations: number[];
    se_iid: number;
    psr_0: number;
    psr_0_1: number;
    eta_12: number;
    gmm: { q: number; lags: number; sharpe: number; variance: number; se: number }[];
  };
  eta_ar1: { q: number[]; rho: number[]; eta: number[][] };
  dsr_example: Record<string, number>;
  dsr_trials: {
    trials: number[];
    variance: number;
    sr0: number;
    sharpe: number;
    t: number;
    skewness: number;
    kurtosis: number;
    dsr: number;
  };
};

const rel = (a: number, b: number, tol: number, what: string, floor = 1) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(floor, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Seeded normal returns (percent), for property tests. */
function normalSeries(seed: number, n: number, mean: number, sd: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.round((mean + sd * rng.normal()) * 1e6) / 1e6);
}

// ─── Normal distribution ─────────────────────────────────────────────────────────────────────

test("normalCdf matches scipy.stats.norm.cdf to 1e-13 relative, tails included", () => {
  fx.normal.z.forEach((z, i) => {
    rel(normalCdf(z), fx.normal.cdf[i], 1e-13, `Φ(${z})`, 1e-300);
  });
  assert.equal(normalCdf(Number.NEGATIVE_INFINITY), 0);
  assert.equal(normalCdf(Number.POSITIVE_INFINITY), 1);
  assert.ok(Number.isNaN(normalCdf(Number.NaN)));
});

test("normalQuantile matches scipy.stats.norm.ppf to 3e-13 relative (1e-16 absolute near 0.5)", () => {
  fx.normal.p.forEach((p, i) => {
    const a = normalQuantile(p);
    const b = fx.normal.ppf[i];
    assert.ok(Math.abs(a - b) <= Math.max(3e-13 * Math.abs(b), 1e-16), `Φ⁻¹(${p}): ${a} vs ${b}`);
  });
  assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
  assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
  assert.equal(normalQuantile(0.5), 0);
  assert.throws(() => normalQuantile(1.5), /\[0, 1\]/);
});

test("property: Φ(Φ⁻¹(p)) = p and Φ(z) + Φ(−z) = 1", () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
      rel(normalCdf(normalQuantile(p)), p, 1e-12, `round trip ${p}`, 0);
    }),
  );
  fc.assert(
    fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (z) => {
      assert.ok(Math.abs(normalCdf(z) + normalCdf(-z) - 1) < 4e-16);
    }),
  );
});

test("simple-statistics' normal CDF and probit are too coarse for DSR tails (why they are not used)", async () => {
  const ss = await import("simple-statistics");
  // Table lookup at 0.01 steps, 4 decimals: Φ(1.234) is read as Φ(1.23).
  assert.ok(Math.abs(ss.cumulativeStdNormalProbability(1.234) - normalCdf(1.234)) > 1e-4);
  // Winitzki's approximation: Φ⁻¹(0.975) = 1.95716… instead of 1.95996….
  assert.ok(Math.abs(ss.probit(0.975) - 1.959963984540054) > 1e-3);
  rel(normalQuantile(0.975), 1.959963984540054, 1e-15, "Φ⁻¹(0.975)");
});

// ─── Moments ─────────────────────────────────────────────────────────────────────────────────

test("returnMoments: mean, sd (ddof 1), SR, biased skewness and non-excess kurtosis as scipy", () => {
  const m = returnMoments(fx.series.returns);
  const s = fx.series;
  rel(m.mean, s.mean, 1e-13, "mean");
  rel(m.sd, s.sd, 1e-13, "sd");
  rel(m.sharpe, s.sharpe, 1e-12, "sharpe");
  rel(m.skewness, s.skewness, 1e-12, "skewness");
  rel(m.kurtosis, s.kurtosis, 1e-12, "kurtosis");
  assert.equal(m.n, 65);
});

test("returnMoments agrees with simple-statistics (biased skewness; unbiased excess kurtosis G2)", async () => {
  const ss = await import("simple-statistics");
  const r = fx.series.returns;
  const m = returnMoments(r);
  const n = r.length;
  rel(m.skewness, ss.sampleSkewness(r, true), 1e-12, "skewness");
  // G2 = (n − 1)/((n − 2)(n − 3)) · ((n + 1)(γ₄ − 3) + 6).
  const g2 = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * (m.kurtosis - 3) + 6);
  rel(g2, ss.sampleKurtosis(r), 1e-12, "excess kurtosis");
});

test("returnMoments: a constant series has NaN SR / skewness / kurtosis; NaN returns are errors", () => {
  const m = returnMoments([0.1, 0.1, 0.1, 0.1]);
  assert.ok(Number.isNaN(m.sharpe) && Number.isNaN(m.skewness) && Number.isNaN(m.kurtosis));
  assert.throws(() => returnMoments([1, Number.NaN, 2]), /row 1 is NaN/);
  assert.throws(() => returnMoments([1, 2]), /at least 3/);
});

test("autocorrelations equal the acf of the reference (1/T autocovariances)", () => {
  const rho = autocorrelations(fx.series.returns, 11);
  fx.series.autocorrelations.forEach((v, k) => {
    rel(rho[k], v, 1e-12, `ρ_${k + 1}`);
  });
});

// ─── Lo (2002) ───────────────────────────────────────────────────────────────────────────────

test("Lo IID standard error: √((1 + SR²/2)/T), by hand and on the reference series", () => {
  // SR 0.5 per period, T = 60: √(1.125/60) = √0.01875 = 0.13693063937629152.
  rel(sharpeStandardErrorIid(0.5, 60), Math.sqrt(0.01875), 1e-15, "by hand");
  rel(sharpeStandardErrorIid(0.5, 60), 0.13693063937629152, 1e-15, "decimal");
  rel(sharpeStandardErrorIid(fx.series.sharpe, 65), fx.series.se_iid, 1e-12, "reference");
});

test("Lo η(q): √q without serial correlation; AR(1) grid equals the reference; closed form = sum", () => {
  for (const q of [1, 2, 12, 250]) rel(loEta(q, new Array(q).fill(0)), Math.sqrt(q), 1e-15, `η(${q})`);
  const { q: qs, rho: rhos, eta } = fx.eta_ar1;
  qs.forEach((q, i) => {
    rhos.forEach((rho, j) => {
      const rk = Array.from({ length: q - 1 }, (_, k) => rho ** (k + 1));
      rel(loEta(q, rk), eta[i][j], 1e-12, `η(${q}) ρ=${rho}`);
      rel(loEtaAr1(q, rho), eta[i][j], 1e-12, `closed form η(${q}) ρ=${rho}`);
    });
  });
  // Lo's point: positive serial correlation makes √12 overstate the annual Sharpe ratio.
  // ρ = 0.25: η(12) = 2.745 vs √12 = 3.464 (26 % lower); hand value 12/√(12 + 2Σ(12−k)0.25^k).
  let s = 0;
  for (let k = 1; k < 12; k++) s += (12 - k) * 0.25 ** k;
  rel(loEtaAr1(12, 0.25), 12 / Math.sqrt(12 + 2 * s), 1e-14, "hand η(12), ρ = 0.25");
  rel(loEtaAr1(12, 0.25), 2.7449742621819255, 1e-12, "η(12), ρ = 0.25");
  rel(loEta(12, fx.series.autocorrelations), fx.series.eta_12, 1e-12, "η(12) of the reference series");
  assert.throws(() => loEta(3, [-1, -1]), /not those of a stationary series/);
  assert.throws(() => loEta(12, [0.1]), /need ρ_1..ρ_11/);
});

test("Lo GMM standard errors equal the independent matrix implementation (q = 1, 12; m = 0, 3, 6)", () => {
  for (const g of fx.series.gmm) {
    const e = loSharpeGmm(fx.series.returns, { periods: g.q, lags: g.lags });
    rel(e.sharpeAggregated, g.sharpe, 1e-12, `SR(${g.q}) m=${g.lags}`);
    // The reference differentiates numerically (central differences): 1e-9 relative.
    rel(e.variance, g.variance, 1e-9, `V_GMM(${g.q}) m=${g.lags}`);
    rel(e.standardError, g.se, 1e-9, `SE(${g.q}) m=${g.lags}`);
  }
});

test("Lo GMM with q = 1, m = 0 is exactly 1 − γ₃SR + (γ₄ − 1)/4·SR² (Lo's σ̂, biased moments)", () => {
  const r = fx.series.returns;
  const e = loSharpeGmm(r, { periods: 1, lags: 0 });
  const m = returnMoments(r);
  const sr = e.sharpe;
  rel(sr, m.mean / (m.sd * Math.sqrt(64 / 65)), 1e-13, "Lo's SR uses σ̂ with 1/T");
  rel(e.variance, 1 - m.skewness * sr + ((m.kurtosis - 1) / 4) * sr * sr, 1e-12, "identity");
  assert.equal(e.eta, 1);
  assert.deepEqual(e.autocorrelations, []);
  assert.equal(defaultNeweyWestLags(65), 3);
  assert.equal(loSharpeGmm(r).lags, 3);
});

test("neweyWestVariance by hand: x = [1, −1, 1, −1], m = 1: (4 + 2·½·(−3))/4 = 0.25", () => {
  rel(neweyWestVariance([1, -1, 1, -1], 1), 0.25, 1e-15, "NW");
  rel(neweyWestVariance([1, -1, 1, -1], 0), 1, 1e-15, "NW m=0");
});

// ─── PSR and DSR ─────────────────────────────────────────────────────────────────────────────

test("PSR equals the reference at SR* = 0 and 0.1 (per month)", () => {
  rel(probabilisticSharpeRatioOf(fx.series.returns), fx.series.psr_0, 1e-12, "PSR(0)");
  rel(probabilisticSharpeRatioOf(fx.series.returns, 0.1), fx.series.psr_0_1, 1e-12, "PSR(0.1)");
  // Normal returns (γ₃ = 0, γ₄ = 3), SR 0.1, T = 61, SR* = 0: z = 0.1·√60/√1.005 by hand.
  const z = (0.1 * Math.sqrt(60)) / Math.sqrt(1.005);
  rel(probabilisticSharpeRatio({ sharpe: 0.1, n: 61, skewness: 0, kurtosis: 3 }), normalCdf(z), 1e-15, "hand");
  assert.throws(() => probabilisticSharpeRatio({ sharpe: 1, n: 61, skewness: 3, kurtosis: 0 }), /non-excess kurtosis/);
});

test("published example (Bailey & López de Prado 2014): SR₀ ≈ 0.1132 per day (1.789 annual), DSR ≈ 0.9004", () => {
  const ex = fx.dsr_example;
  // 5 years × 250 days; the annualised inputs are de-annualised: SR/√250, V/250.
  const sharpe = 2.5 / Math.sqrt(250);
  const out = deflatedSharpeRatio({
    sharpe,
    n: 1250,
    skewness: -3,
    kurtosis: 10,
    nTrials: 100,
    trialsVariance: 0.5 / 250,
  });
  assert.equal(out.sr0.toFixed(4), "0.1132");
  assert.equal((out.sr0 * Math.sqrt(250)).toFixed(4), "1.7894");
  assert.equal(out.dsr.toFixed(4), "0.9004");
  rel(out.sr0, ex.sr0, 1e-13, "SR₀ vs scipy");
  rel(out.dsr, ex.dsr, 1e-13, "DSR vs scipy");
  rel(expectedMaxSharpe(100, 0.5), ex.sr0_annual, 1e-13, "SR₀ annualised (V annualised)");
});

test("DSR from a list of trials equals the reference (V with ddof 1)", () => {
  const t = fx.dsr_trials;
  rel(sharpeVariance(t.trials), t.variance, 1e-12, "V");
  const out = deflatedSharpeRatio({
    sharpe: t.sharpe,
    n: t.t,
    skewness: t.skewness,
    kurtosis: t.kurtosis,
    nTrials: t.trials.length,
    trialsVariance: sharpeVariance(t.trials),
  });
  rel(out.sr0, t.sr0, 1e-12, "SR₀");
  rel(out.dsr, t.dsr, 1e-12, "DSR");
  assert.throws(() => expectedMaxSharpe(1, 0.1), /integer ≥ 2/);
});

/** Moments a sample can have: γ₄ ≥ 1 + γ₃² (Pearson's inequality; strict, so the PSR radicand is > 0). */
const moments = fc
  .record({ skew: fc.double({ min: -3, max: 3, noNaN: true }), extra: fc.double({ min: 1e-3, max: 20, noNaN: true }) })
  .map(({ skew, extra }) => ({ skewness: skew, kurtosis: 1 + skew * skew + extra }));
const sr = fc.double({ min: -0.8, max: 0.8, noNaN: true });

test("property: PSR decreases in SR*, and increases in SR̂ where 1 − γ₃(SR̂ + SR*)/2 + (γ₄ − 1)/4·SR̂·SR* > 0", () => {
  fc.assert(
    fc.property(moments, sr, sr, sr, fc.integer({ min: 2, max: 2000 }), (mo, a, b, bench, n) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      // PSR(SR*) decreasing in SR*.
      const [b1, b2] = [Math.min(bench, a), Math.max(bench, a)];
      assert.ok(
        probabilisticSharpeRatio({ sharpe: hi, n, ...mo, benchmark: b1 }) >=
          probabilisticSharpeRatio({ sharpe: hi, n, ...mo, benchmark: b2 }),
      );
      // Increasing in SR̂ on [lo, hi] when the (linear in SR̂) condition holds at both ends.
      const k = (mo.kurtosis - 1) / 4;
      const h = (s: number) => 1 - (mo.skewness * (s + bench)) / 2 + k * s * bench;
      if (!(h(lo) > 0 && h(hi) > 0)) return;
      const p1 = probabilisticSharpeRatio({ sharpe: lo, n, ...mo, benchmark: bench });
      const p2 = probabilisticSharpeRatio({ sharpe: hi, n, ...mo, benchmark: bench });
      assert.ok(p2 >= p1 - 1e-15, `PSR(${hi}) = ${p2} < PSR(${lo}) = ${p1}`);
    }),
    { numRuns: 500 },
  );
});

test("property: DSR ≤ PSR(0) for every N ≥ 2 and V ≥ 0 (SR₀ ≥ 0), equality at V = 0", () => {
  fc.assert(
    fc.property(
      moments,
      sr,
      fc.integer({ min: 2, max: 100000 }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.integer({ min: 2, max: 2000 }),
      (mo, s, N, V, n) => {
        const psr0 = probabilisticSharpeRatio({ sharpe: s, n, ...mo });
        const { sr0, dsr } = deflatedSharpeRatio({ sharpe: s, n, ...mo, nTrials: N, trialsVariance: V });
        assert.ok(sr0 >= 0);
        assert.ok(dsr <= psr0, `DSR ${dsr} > PSR(0) ${psr0}`);
        if (V === 0) assert.equal(dsr, psr0);
      },
    ),
    { numRuns: 500 },
  );
});

test("property: standard errors are positive (IID, and GMM on non-constant series)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.integer({ min: 30, max: 200 }),
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.constantFrom(1, 3, 12),
      (seed, n, drift, q) => {
        const r = normalSeries(seed, n, drift, 4);
        assert.ok(sharpeStandardErrorIid(returnMoments(r).sharpe, n) > 0);
        const e = loSharpeGmm(r, { periods: q });
        assert.ok(e.standardError > 0 && e.variance > 0, `V = ${e.variance}`);
      },
    ),
    { numRuns: 100 },
  );
});

// ─── Stationary bootstrap ────────────────────────────────────────────────────────────────────

test("stationary bootstrap: indices in range, blocks continue circularly, mean block length ≈ L", () => {
  const rng = createRng(7);
  const n = 60;
  let starts = 0;
  let total = 0;
  for (let b = 0; b < 500; b++) {
    const idx = stationaryBootstrapIndices(n, 4, rng);
    assert.equal(idx.length, n);
    for (let t = 0; t < n; t++) {
      assert.ok(Number.isInteger(idx[t]) && idx[t] >= 0 && idx[t] < n);
      if (t === 0 || idx[t] !== (idx[t - 1] + 1) % n) starts++;
    }
    total += n;
  }
  // A new block starts with probability 1/L = 0.25 (plus the first month; a fresh start can
  // coincide with the continuation, probability 1/n, and is then not counted).
  rel(total / starts, 4, 0.05, "mean block length");
  assert.deepEqual(stationaryBootstrapIndices(5, 1e9, createRng(3)).length, 5);
});

test("bootstrap of a single Sharpe ratio with L = 1 on IID data: SE ≈ Lo's IID SE·√12", () => {
  const r = normalSeries(11, 240, 0.5, 4);
  const b = bootstrapSharpeInterval(r, { draws: 2000, meanBlockLength: 1, seed: 5 });
  const se = sharpeStandardErrorIid(returnMoments(r).sharpe, 240) * Math.sqrt(12);
  rel(b.standardError, se, 0.1, "bootstrap SE vs IID SE");
  rel(b.estimate, correctedSharpeRatio(r), 1e-12, "estimate = the √12 Sharpe ratio");
  assert.equal(b.samples.length + b.undefinedDraws, 2000);
  assert.ok(b.lower < b.estimate && b.estimate < b.upper);
});

test("bootstrap of a Sharpe difference: identical series give exactly 0; lengths must match", () => {
  const r = normalSeries(2, 40, 0.3, 3);
  const d = bootstrapSharpeDifferenceInterval(r, r, { draws: 200 });
  assert.equal(d.estimate, 0);
  assert.equal(d.lower, 0);
  assert.equal(d.upper, 0);
  assert.throws(() => bootstrapSharpeDifferenceInterval(r, r.slice(1)), /must be paired/);
  assert.throws(() => bootstrapSharpeInterval([1, Number.NaN, 2, 3]), /row 1 is NaN/);
});

test("property: the percentile interval covers the sample Sharpe difference (n ≥ 24, 95 %, 500 draws)", () => {
  // Not a theorem for percentile intervals (a very skewed bootstrap distribution could exclude
  // the estimate); it holds for these well-behaved samples and would catch a misaligned pairing
  // or an annualisation mismatch between the estimate and the draws.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.integer({ min: 24, max: 120 }),
      fc.double({ min: -1, max: 1.5, noNaN: true }),
      fc.double({ min: 1, max: 8, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      (seed, n, drift, L, bootSeed) => {
        const a = normalSeries(seed, n, drift, 4);
        const bench = normalSeries(seed + 1, n, 0.5, 4).map((v, i) => 0.5 * v + 0.5 * a[i]);
        const d = bootstrapSharpeDifferenceInterval(a, bench, { draws: 500, meanBlockLength: L, seed: bootSeed });
        rel(d.estimate, correctedSharpeRatio(a) - correctedSharpeRatio(bench), 1e-12, "estimate");
        assert.ok(d.lower <= d.estimate && d.estimate <= d.upper, `[${d.lower}, ${d.upper}] ∌ ${d.estimate}`);
        const s = bootstrapSharpeInterval(a, { draws: 500, meanBlockLength: L, seed: bootSeed });
        assert.ok(s.lower <= s.estimate && s.estimate <= s.upper, `[${s.lower}, ${s.upper}] ∌ ${s.estimate}`);
      },
    ),
    { numRuns: 60 },
  );
});

test("bootstrap results are identical for the same seed and differ for another seed", () => {
  const a = fx.series.returns;
  const b = a.map((v, i) => 0.6 * v + (i % 3) - 1);
  const opts = { draws: 300, meanBlockLength: 3, seed: 42 };
  assert.deepEqual(bootstrapSharpeDifferenceInterval(a, b, opts), bootstrapSharpeDifferenceInterval(a, b, opts));
  assert.deepEqual(bootstrapSharpeInterval(a, opts), bootstrapSharpeInterval(a, opts));
  assert.notDeepEqual(
    bootstrapSharpeInterval(a, opts).samples,
    bootstrapSharpeInterval(a, { ...opts, seed: 43 }).samples,
  );
});

test("quantileSorted interpolates like numpy (type 7)", () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantileSorted([1, 2, 3, 4], 0), 1);
  assert.equal(quantileSorted([1, 2, 3, 4], 1), 4);
  assert.equal(quantileSorted([5], 0.3), 5);
});
