import assert from "node:assert/strict";
import { test } from "node:test";
import { XGBClassifier } from "../../lib/model/classifier";
import { createClassifier, MlXgboostClassifier, mlXgboostTrainUnchecked } from "../../lib/model/ml-xgboost-engine";
import { maxAbsDiff, type ParityCase, readFixture, rows } from "./fixtures";

const fx = readFixture<{ cases: ParityCase[] }>("xgb-parity.json");
/** Measured agreement of the two engines on the unweighted fixtures: ≤ 3e-7 (float32 rounding). */
const ENGINE_TOL = 1e-6;

const unweighted = fx.cases.filter((c) => c.sampleWeight === null && Object.keys(c.params ?? {}).length === 0);
const minusOneToNaN = (X: number[][]) => X.map((r) => r.map((v) => (v === -1 ? Number.NaN : v)));

for (const c of unweighted) {
  test(`engines agree (ml-xgboost vs exact TypeScript): ${c.name}`, () => {
    const hasMinusOne = c.X.flat().includes(-1) || c.Xtest.flat().includes(-1);
    const wasm = new MlXgboostClassifier({ minusOneIsMissing: hasMinusOne }).fit(rows(c.X), c.y);
    const pWasm = wasm.predictProba(rows(c.Xtest));
    // ml-xgboost reads −1 as missing: give the exact engine the same data
    const ours = new XGBClassifier().fit(minusOneToNaN(rows(c.X)), c.y);
    const pOurs = ours.predictProba(minusOneToNaN(rows(c.Xtest)));
    const d = maxAbsDiff(pWasm, pOurs);
    assert.ok(d <= ENGINE_TOL, `engines differ by ${d}`);
    assert.deepEqual(wasm.predict(rows(c.Xtest)), ours.predict(minusOneToNaN(rows(c.Xtest))));
    if (!hasMinusOne) {
      // and then both agree with Python xgboost 1.7.4
      assert.ok(maxAbsDiff(pWasm, c.probaTest) <= 1e-5);
    }
  });
}

test("ml-xgboost: what it cannot do is refused with clear errors before the WASM runs", () => {
  const X = [
    [0.5, 2],
    [1.5, 3],
    [2.5, 1],
    [3.5, 0],
  ];
  const m = new MlXgboostClassifier();
  assert.throws(() => m.fit(X, [0, 1, 0, 1], { sampleWeight: [1, 2, 1, 1] }), /takes no sample weights/);
  assert.throws(() => m.fit(X, [0, 1, 0, 7], { sampleWeight: null }), /consecutive classes 0\.\.2.*got \[0, 1, 7\]/);
  assert.throws(
    () => new MlXgboostClassifier({ numClass: 2 }).fit(X, [0, 1, 0, 7]),
    /y\[3\] = 7 is outside the classes 0\.\.1/,
  );
  assert.throws(
    () => m.fit([...X.slice(0, 3), [-1, 2]], [0, 1, 0, 1]),
    /X\[3\]\[0\] = -1, which ml-xgboost treats as a missing value/,
  );
  m.fit(X, [0, 1, 0, 1]);
  assert.throws(() => m.featureImportances, /exposes no feature importances/);
  assert.throws(() => m.predict([[1, 2, 3]]), /fitted with 2 features, X has 3/);
  assert.equal(createClassifier({ engine: "ml-xgboost" }).engine, "ml-xgboost");
  assert.equal(createClassifier().engine, "exact");
});

test("ml-xgboost: a label the WASM rejects fails in the child process, not in ours", () => {
  const before = process.listenerCount("uncaughtException");
  const X = [
    [0.5, 2],
    [1.5, 3],
    [2.5, 1],
    [3.5, 0],
  ];
  assert.throws(
    () => mlXgboostTrainUnchecked(X, [0, 1, 2, 7], { objective: "multi:softprob", num_class: 3, iterations: 2 }),
    /label must be in \[0, num_class\)/,
  );
  assert.throws(
    () =>
      mlXgboostTrainUnchecked([[Number.NaN, 1], ...X.slice(1)], [0, 1, 0, 1], {
        objective: "binary:logistic",
        iterations: 2,
      }),
    /There are NAN in the matrix/,
  );
  // its process-wide uncaughtException handler never reaches this process
  assert.equal(process.listenerCount("uncaughtException"), before);
});
