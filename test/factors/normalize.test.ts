import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { clippedZScores, normalizeFactors, standardize } from "../../lib/factors";
import { assertClose as close } from "../helpers";

test("standardize: population std (ddof 0), hand-computed", () => {
  // mean 2, population variance 2/3, std 0.816496580927726
  const z = standardize([1, 2, 3]);
  close(z[0], -1 / Math.sqrt(2 / 3));
  close(z[1], 0);
  close(z[2], 1 / Math.sqrt(2 / 3));
});

test("standardize: NaN ignored in the fit and kept in the output (like StandardScaler)", () => {
  const z = standardize([1, Number.NaN, 3]);
  close(z[0], -1);
  assert.ok(Number.isNaN(z[1]));
  close(z[2], 1);
});

test("standardize: constant column -> 0, single value -> 0, all NaN -> NaN", () => {
  assert.deepEqual([...standardize([5, 5, 5])], [0, 0, 0]);
  assert.deepEqual([...standardize([Number.NaN, 7])].slice(1), [0]);
  assert.ok([...standardize([Number.NaN, Number.NaN])].every(Number.isNaN));
  const r = clippedZScores([Number.NaN, Number.NaN]);
  assert.equal(r.iterations, 0);
});

test("clip loop: hand example with one outlier among 20 zeros", () => {
  // 20 zeros and one 1: z(1) = sqrt(20) = 4.4721 > 3 -> clip and re-standardise; the clipped column
  // again has one value above the rest, so its z-score is sqrt(20) again: the loop never shrinks it.
  // This is the case the guard exists for: it stops after maxIterations and clips.
  const x = [...Array(20).fill(0), 1];
  const r = clippedZScores(x, { maxIterations: 50 });
  assert.equal(r.converged, false);
  assert.equal(r.iterations, 50);
  close(r.z[20], 3);
  for (let i = 0; i < 20; i++) close(r.z[i], -1 / Math.sqrt(20));
});

test("clip loop: converges for a heavy tail, first pass hand-checked", () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100];
  const first = standardize(x);
  assert.ok(first[12] > 3);
  const r = clippedZScores(x);
  assert.equal(r.converged, true);
  assert.ok(r.iterations >= 1);
  for (const v of r.z) assert.ok(v >= -3 && v <= 3);
  // the result is a z-score: mean 0, population std 1
  const m = r.z.reduce((a, b) => a + b, 0) / r.z.length;
  const v = r.z.reduce((a, b) => a + (b - m) ** 2, 0) / r.z.length;
  close(m, 0, 1e-12);
  close(v, 1, 1e-12);
});

test("at most 9 values never need a clip pass (|z| <= sqrt(n-1))", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 9 }), (xs) => {
      assert.equal(clippedZScores(xs).iterations, 0);
    }),
  );
});

test("property: clipped z-scores are within [-3, 3] and NaN stays NaN", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constant(Number.NaN)), {
        minLength: 1,
        maxLength: 80,
      }),
      (xs) => {
        const { z } = clippedZScores(xs);
        xs.forEach((x, i) => {
          if (Number.isNaN(x)) assert.ok(Number.isNaN(z[i]));
          else assert.ok(z[i] >= -3 && z[i] <= 3, `z=${z[i]}`);
        });
      },
    ),
    { numRuns: 300 },
  );
});

test("normalizeFactors: per date, order kept, clear error for a non-numeric column", () => {
  const rows = [
    { Date: "2000-01-31", a: 1 },
    { Date: "2000-02-29", a: 10 },
    { Date: "2000-01-31", a: 3 },
    { Date: "2000-02-29", a: 30 },
  ];
  const out = normalizeFactors(rows, ["a"]);
  assert.deepEqual(
    out.map((r) => [r.Date, r.a, r.a_normalized]),
    [
      ["2000-01-31", 1, -1],
      ["2000-01-31", 3, 1],
      ["2000-02-29", 10, -1],
      ["2000-02-29", 30, 1],
    ],
  );
  assert.throws(
    () => normalizeFactors([{ Date: "2000-01-31", a: "x" as unknown as number }], ["a"]),
    /column "a" is not numeric/,
  );
});
