/**
 * lib/statistics/descriptive.ts against independent references: the literal expected values were
 * computed with numpy 1.24 / pandas 1.5 / scikit-learn 1.2 (/usr/bin/python3), e.g.
 *   D = np.array([2.5, -1.25, 0.75, 3.0, -0.5, 1.75, 0.0, -2.25])
 *   D.mean(), D.var(ddof=1), D.std(ddof=1), D.var(), D.std(), D.var(ddof=2), np.median(D)
 *   StandardScaler().fit([[1.5], [nan], [-2.0], [4.25], [0.5]]) → mean_, var_, scale_
 * plus the NaN policy, and the simple-statistics differences the module header gives as the reason
 * for not using its `mean`/`variance`/`median` (an input for each).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { meanSimple, mean as ssMean, median as ssMedian, sampleVariance as ssSampleVariance } from "simple-statistics";
import {
  mean,
  median,
  populationStd,
  populationVariance,
  sampleStd,
  sampleVariance,
  standardScalerMoments,
  std,
  variance,
} from "../../lib/statistics";

const close = (a: number, b: number, tol = 1e-14) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b} (tol ${tol})`);

const D = [2.5, -1.25, 0.75, 3.0, -0.5, 1.75, 0.0, -2.25];

test("mean, variance and std with ddof 1 / 0 / 2 match numpy and pandas", () => {
  close(mean(D), 0.5);
  close(sampleVariance(D), 3.392857142857143); // np.var(ddof=1)
  close(sampleStd(D), 1.8419709940325182); // np.std(ddof=1) = pd.Series.std()
  close(populationVariance(D), 2.96875); // np.var()
  close(populationStd(D), 1.7230060940112777); // np.std()
  close(variance(D, 2), 3.9583333333333335); // np.var(ddof=2)
  assert.equal(variance(D, 1), sampleVariance(D));
  assert.equal(std(D, 0), populationStd(D));
  // a typed array gives the same bits as an array
  assert.equal(sampleStd(Float64Array.from(D)), sampleStd(D));
  assert.equal(mean(Float64Array.from(D)), mean(D));
});

test("median of odd and even counts matches numpy (unsorted input, not modified)", () => {
  const odd = [3.5, -1.0, 2.0, 0.25, 9.0];
  assert.equal(median(odd), 2.0);
  assert.deepEqual(odd, [3.5, -1.0, 2.0, 0.25, 9.0]);
  close(median(D), 0.375);
  assert.equal(median([0.1, 0.7]), 0.39999999999999997); // np.median: (a + b)/2
});

test("NaN policy: NaN propagates, too few values give NaN, bad ddof throws", () => {
  assert.ok(Number.isNaN(mean([1, Number.NaN, 3])));
  assert.ok(Number.isNaN(sampleStd([1, Number.NaN, 3])));
  assert.ok(Number.isNaN(median([1, Number.NaN, 3])));
  assert.ok(Number.isNaN(mean([])));
  assert.ok(Number.isNaN(median([])));
  assert.ok(Number.isNaN(sampleVariance([4])));
  assert.ok(Number.isNaN(populationVariance([])));
  assert.equal(populationVariance([4]), 0);
  assert.ok(Number.isNaN(variance([1, 2], 2)));
  assert.throws(() => variance(D, -1), /ddof must be an integer ≥ 0/);
  assert.throws(() => variance(D, 0.5), /ddof must be an integer ≥ 0/);
});

test("standardScalerMoments: scikit-learn's StandardScaler fit, NaN ignored", () => {
  const m = standardScalerMoments([1.5, Number.NaN, -2.0, 4.25, 0.5]);
  assert.equal(m.n, 4); // n_samples_seen_
  close(m.mean, 1.0625); // mean_
  close(m.variance, 5.01171875); // var_
  close(m.scale, 2.2386868360715395); // scale_
  // z = (x − mean)/scale as StandardScaler.transform
  close((1.5 - m.mean) / m.scale, 0.1954270659703916);
  close((-2.0 - m.mean) / m.scale, -1.3679894617927413);
  // constant column: scale 1 (scikit-learn's scale_ = [1.]); variance at most a rounding error
  const c = standardScalerMoments(Array(7).fill(0.1));
  assert.equal(c.scale, 1);
  assert.ok(Math.abs(c.variance) < 1e-30);
  const none = standardScalerMoments([Number.NaN, Number.NaN]);
  assert.equal(none.n, 0);
  assert.ok(Number.isNaN(none.mean) && Number.isNaN(none.variance) && Number.isNaN(none.scale));
});

test("why not simple-statistics: compensated mean, interpolated median; meanSimple is the plain mean", () => {
  const x = [0.1, 0.2, 0.3];
  // plain left-to-right sum / n (python: s = 0.0; for v in x: s += v; s / 3)
  assert.equal(mean(x), 0.20000000000000004);
  assert.equal(mean(x), meanSimple(x));
  // compensated sum / n (python: math.fsum(x) / 3) — differs in the last bit
  assert.equal(ssMean(x), 0.19999999999999998);
  assert.notEqual(ssMean(x), mean(x));
  // its sample variance uses that mean, so it need not equal the two-pass plain one bit for bit
  close(ssSampleVariance(x), sampleVariance(x), 1e-15);
  // even-count median: (0.1 + 0.7)/2 (numpy) vs 0.1 + ½·(0.7 − 0.1) (simple-statistics' type-7 quantile)
  assert.equal(median([0.1, 0.7]), 0.39999999999999997);
  assert.equal(ssMedian([0.1, 0.7]), 0.4);
  // on random data meanSimple and our mean agree bit for bit
  let seed = 7;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 10;
  for (let k = 0; k < 200; k++) {
    const xs = Array.from({ length: 1 + (k % 37) }, next);
    assert.ok(Object.is(mean(xs), meanSimple(xs)));
  }
});
