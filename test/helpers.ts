/**
 * Numeric assertions shared by the unit tests. Tolerances are explicit at every call site that
 * needs other than 1e-12; a NaN on either side always fails (|NaN − x| ≤ tol is false).
 */
import assert from "node:assert/strict";

/** |actual − expected| ≤ tol (absolute tolerance). */
export function assertClose(actual: number, expected: number, tol = 1e-12, what = ""): void {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what ? `${what}: ` : ""}${actual} vs ${expected} (diff ${actual - expected}, tolerance ${tol})`,
  );
}

/** |actual − expected| ≤ tol·max(1, |expected|): relative for |expected| > 1, absolute below. */
export function assertRelClose(actual: number, expected: number, tol = 1e-12, what = ""): void {
  const bound = tol * Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= bound,
    `${what ? `${what}: ` : ""}${actual} vs ${expected} (diff ${actual - expected}, tolerance ${bound})`,
  );
}

/** Element by element with {@link assertClose} (or {@link assertRelClose}); lengths must match. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = 1e-12,
  what = "",
  relative = false,
): void {
  assert.equal(actual.length, expected.length, `${what ? `${what}: ` : ""}length`);
  const check = relative ? assertRelClose : assertClose;
  for (let i = 0; i < expected.length; i++) check(actual[i], expected[i], tol, `${what}[${i}]`);
}
