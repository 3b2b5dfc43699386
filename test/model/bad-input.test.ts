import assert from "node:assert/strict";
import { test } from "node:test";
import type { EngineName } from "../../lib/model/classifier";
import { createClassifier } from "../../lib/model/ml-xgboost-engine";
import { ArgumentError } from "../../lib/validation";

const X = [
  [0.1, 1.0],
  [0.4, 0.2],
  [0.9, 0.5],
  [0.3, 0.8],
  [0.7, 0.1],
  [0.2, 0.6],
];
const y = [0, 1, 2, 0, 1, 2];

for (const engine of ["exact", "ml-xgboost"] as EngineName[]) {
  test(`bad input gets a clear Error before any engine runs (${engine})`, () => {
    const c = () => createClassifier({ engine, nEstimators: 2 });
    // a label outside the classes
    assert.throws(
      () => createClassifier({ engine, numClass: 3 }).fit(X, [0, 1, 2, 0, 1, 5]),
      /y\[5\] = 5 is outside the classes 0\.\.2/,
    );
    assert.throws(() => c().fit(X, [0, 1, 2, 0, 1, 5]), /consecutive classes 0\.\.3.*got \[0, 1, 2, 5\]/);
    assert.throws(() => c().fit(X, [0, 1, -1, 0, 1, 2]), /y\[2\] = -1 is not a class index/);
    assert.throws(() => c().fit(X, [0, 1, 1.5, 0, 1, 2]), /y\[2\] = 1\.5 is not a class index/);
    // a single class
    assert.throws(() => c().fit(X, [1, 1, 1, 1, 1, 1]), /single class \(1\)/);
    // NaN labels
    assert.throws(() => c().fit(X, [0, 1, Number.NaN, 0, 1, 2]), /y\[2\] is NaN/);
    // mismatched row counts
    assert.throws(() => c().fit(X, [0, 1, 2, 0, 1]), /X has 6 rows but y has 5 labels/);
    assert.throws(() => c().fit(X, y, { sampleWeight: [1, 1, 1] }), /X has 6 rows but sampleWeight has 3 values/);
    // sample weights <= 0 or NaN
    assert.throws(() => c().fit(X, y, { sampleWeight: [1, 1, 0, 1, 1, 1] }), /sampleWeight\[2\] = 0; .*finite and > 0/);
    assert.throws(() => c().fit(X, y, { sampleWeight: [1, -2, 1, 1, 1, 1] }), /sampleWeight\[1\] = -2/);
    assert.throws(() => c().fit(X, y, { sampleWeight: [1, 1, 1, Number.NaN, 1, 1] }), /sampleWeight\[3\] = NaN/);
    // malformed features
    assert.throws(() => c().fit([[1, 2], [3]], [0, 1]), /X row 1 has 1 features, row 0 has 2/);
    assert.throws(
      () =>
        c().fit(
          [
            [1, Number.POSITIVE_INFINITY],
            [3, 4],
          ],
          [0, 1],
        ),
      /X\[0\]\[1\] is Infinity/,
    );
    assert.throws(() => c().fit([], []), /X has no rows/);
    // predict before fit, and with a different number of features
    assert.throws(() => c().predict(X), /not fitted yet/);
    const m = c().fit(X, y);
    assert.throws(() => m.predict([[0.1, 0.2, 0.3]]), /fitted with 2 features, X has 3/);
    assert.throws(() => m.predictProba([[0.1]]), /fitted with 2 features, X has 1/);
    assert.equal(m.predict(X).length, 6);
  });
}

test("bad input is an ArgumentError whose fields name the argument and the row", () => {
  let caught: unknown;
  try {
    createClassifier({ engine: "exact", numClass: 3 }).fit(X, [0, 1, 2, 0, 1, 5]);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ArgumentError, `expected an ArgumentError, got ${String(caught)}`);
  assert.equal(caught.argument, "y");
  assert.equal(caught.index, 5);
  assert.equal(caught.name, "ArgumentError");
  assert.throws(
    () => createClassifier({ engine: "exact" }).fit(X, [0, 1, 2]),
    (e: unknown) =>
      e instanceof ArgumentError && e.argument === "y" && /X has 6 rows but y has 3 labels/.test(e.message),
  );
});
