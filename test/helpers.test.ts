/** The shared numeric assertions fail when they should (a test helper that cannot fail hides bugs). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertAllClose, assertClose, assertRelClose } from "./helpers";

test("assertClose: absolute tolerance, NaN always fails", () => {
  assertClose(1, 1 + 5e-13);
  assert.throws(() => assertClose(1, 1 + 2e-12), /1 vs 1\.000000000002/);
  assert.throws(() => assertClose(Number.NaN, Number.NaN));
  assert.throws(() => assertClose(0, 1e-3, 1e-4, "x"), /^AssertionError \[ERR_ASSERTION\]: x: 0 vs 0\.001/);
});

test("assertRelClose: relative above 1, absolute below", () => {
  assertRelClose(1e6, 1e6 + 1e-7); // 1e-7 ≤ 1e-12·1e6
  assert.throws(() => assertRelClose(1e6, 1e6 + 1e-5));
  assert.throws(() => assertRelClose(0.5, 0.5 + 2e-12));
});

test("assertAllClose: lengths and every element", () => {
  assertAllClose([1, 2], Float64Array.from([1, 2]));
  assert.throws(() => assertAllClose([1, 2], [1]), /length/);
  assert.throws(() => assertAllClose([1, 2], [1, 3], 1e-12, "v"), /v\[1\]: 2 vs 3/);
  assertAllClose([1e6], [1e6 + 1e-7], 1e-12, "", true);
});
