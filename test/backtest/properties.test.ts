import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  articleSharpeRatio,
  CORRECTED,
  correctedSharpeRatio,
  cumulativeSum,
  drawdownSeries,
  ERRATA_TABLE,
  FAITHFUL,
  growthOfOne,
  joinIndexReturns,
  maxDrawdown,
  type PredictionMonth,
  resolveErrata,
  strategyReturns,
  summaryOptionsFor,
} from "../../lib/backtest";
import { createRng } from "../../lib/random";

const pct = fc.double({ min: -30, max: 30, noNaN: true, noDefaultInfinity: true });
const series = fc.array(pct, { minLength: 2, maxLength: 80 });

test("property: article Sharpe / corrected Sharpe = √21 exactly (up to rounding)", () => {
  fc.assert(
    fc.property(series, (r) => {
      const c = correctedSharpeRatio(r);
      if (Number.isNaN(c) || Math.abs(c) < 1e-9) return;
      assert.ok(Math.abs(articleSharpeRatio(r) / c - Math.sqrt(21)) < 1e-9);
    }),
  );
});

test("property: cumulative sum ends at the total, growth at the product, drawdowns in [−100, 0]", () => {
  fc.assert(
    fc.property(series, (r) => {
      const s = cumulativeSum(r);
      assert.ok(Math.abs(s[s.length - 1] - r.reduce((a, b) => a + b, 0)) < 1e-9);
      const g = growthOfOne(r);
      const prod = r.reduce((a, x) => a * (1 + x / 100), 1);
      assert.ok(Math.abs(g[g.length - 1] - prod) <= 1e-12 * prod);
      const dd = drawdownSeries(r);
      assert.ok(dd.every((d) => d <= 0 && d >= -100));
      assert.equal(maxDrawdown(r), Math.min(0, ...dd));
    }),
  );
});

/** Random consistent test months (labels computed from the next month's returns). */
function randomMonths(seed: number, n: number, factors: string[]): PredictionMonth[] {
  const rng = createRng(seed);
  const rets = Array.from({ length: n + 1 }, () =>
    Object.fromEntries(factors.map((f) => [f, Math.round(rng.normal() * 500) / 100])),
  );
  const argmax = (r: Record<string, number>) => factors.reduce((b, f) => (r[f] > r[b] ? f : b), factors[0]);
  return Array.from({ length: n }, (_, i) => {
    const raw = factors.map(() => rng.uniform() + 1e-3);
    const tot = raw.reduce((a, b) => a + b, 0);
    const probabilities = Object.fromEntries(factors.map((f, k) => [f, raw[k] / tot]));
    const y = 2000 + Math.floor(i / 12);
    const m = (i % 12) + 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return {
      date: `${y}-${String(m).padStart(2, "0")}-${last}`,
      returns: rets[i],
      bestFactorNextMonth: argmax(rets[i + 1]),
      predicted: factors[rng.int(0, factors.length - 1)],
      probabilities,
    };
  });
}

test("property: perfect foresight beats the predicted factor and the probability mix every month", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2, max: 40 }), (seed, n) => {
      const t = strategyReturns(randomMonths(seed, n, ["a", "b", "c", "d"]));
      assert.equal(t.dates.length, n - 1);
      t.dates.forEach((_, i) => {
        assert.ok(t.bestReturn[i] >= t.predReturn[i]);
        assert.ok(t.bestReturn[i] >= t.predProbaReturn[i] - 1e-12);
        const min = Math.min(...t.factors.map((f) => t.factorReturns[f][i]));
        assert.ok(t.predProbaReturn[i] >= min - 1e-12);
      });
    }),
    { numRuns: 50 },
  );
});

test("property: the index join does not depend on the order of the index returns", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
      const t = strategyReturns(randomMonths(seed, 15, ["a", "b"]));
      const idx = t.dates.map((date, i) => ({ date, value: i - 7 }));
      const shuffled = createRng(seed).shuffle(idx);
      assert.deepEqual(joinIndexReturns(t, shuffled, "dji").index, joinIndexReturns(t, idx, "dji").index);
    }),
    { numRuns: 30 },
  );
});

test("errata switches: faithful by default, corrected on request, table covers every switch", () => {
  assert.deepEqual(summaryOptionsFor(), { cumulative: "sum", sharpePeriodsPerYear: 252 });
  assert.deepEqual(summaryOptionsFor(FAITHFUL), { cumulative: "sum", sharpePeriodsPerYear: 252 });
  assert.deepEqual(summaryOptionsFor(CORRECTED), { cumulative: "compound", sharpePeriodsPerYear: 12 });
  assert.deepEqual(summaryOptionsFor({ sharpeSqrt252: false }), { cumulative: "sum", sharpePeriodsPerYear: 12 });
  assert.throws(() => resolveErrata({ nope: true } as never), /unknown switch "nope"/);
  for (const k of Object.keys(FAITHFUL))
    assert.ok(
      ERRATA_TABLE.some((e) => e.switch === k),
      k,
    );
  assert.equal(new Set(ERRATA_TABLE.map((e) => e.id)).size, ERRATA_TABLE.length);
});
