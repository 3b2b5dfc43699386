import assert from "node:assert/strict";
import { test } from "node:test";
import { argmaxRows, XGBClassifier } from "../../lib/model/classifier";
import { maxAbsDiff, optionsFromPython, type ParityCase, readFixture, rows } from "./fixtures";

const fx = readFixture<{ xgboost: string; cases: ParityCase[] }>("xgb-parity.json");
const TOL = 1e-5;

for (const c of fx.cases) {
  test(`exact engine vs xgboost ${fx.xgboost} (tree_method=exact): ${c.name}`, () => {
    const model = new XGBClassifier({ randomState: 42, ...optionsFromPython(c.params) }).fit(rows(c.X), c.y, {
      sampleWeight: c.sampleWeight,
    });
    const pTrain = model.predictProba(rows(c.X));
    const pTest = model.predictProba(rows(c.Xtest));
    const dTrain = maxAbsDiff(pTrain, c.probaTrain);
    const dTest = maxAbsDiff(pTest, c.probaTest);
    assert.ok(dTrain <= TOL, `train probabilities differ by ${dTrain}`);
    assert.ok(dTest <= TOL, `test probabilities differ by ${dTest}`);
    // argmax everywhere (train and test), and predict() as the wrapper
    const flat = (p: number[][]) => p.flat();
    assert.deepEqual(
      argmaxRows(flat(pTrain), pTrain.length, c.numClass),
      argmaxRows(flat(c.probaTrain), pTrain.length, c.numClass),
    );
    assert.deepEqual(model.predict(rows(c.Xtest)), c.predictTest);
    const imp = model.featureImportances;
    assert.equal(imp.length, c.importances.length);
    imp.forEach((v, j) => {
      assert.ok(Math.abs(v - c.importances[j]) <= TOL, `importance ${j}: ${v} vs ${c.importances[j]}`);
    });
    assert.ok(Math.abs(imp.reduce((s, v) => s + v, 0) - 1) < 1e-6);
  });
}

test("JSON round trip gives identical predictions and importances", () => {
  const c = fx.cases.find((k) => k.name === "multi5-nan-constant-weighted")!;
  const model = new XGBClassifier().fit(rows(c.X), c.y, { sampleWeight: c.sampleWeight });
  const text = JSON.stringify(model);
  const back = XGBClassifier.fromJSON(JSON.parse(text));
  assert.deepEqual(back.predictProba(rows(c.Xtest)), model.predictProba(rows(c.Xtest)));
  assert.deepEqual(back.predictProba(rows(c.X)), model.predictProba(rows(c.X)));
  assert.deepEqual(back.featureImportances, model.featureImportances);
  assert.equal(JSON.stringify(back), text);
});

test("a model saved by Python xgboost 1.7.4 loads and predicts exactly; our trees equal its trees", () => {
  const c = fx.cases.find((k) => k.name === "binary-nan-constant")!;
  const saved = readFixture("xgb-model-binary.json");
  const loaded = XGBClassifier.fromJSON(saved);
  assert.deepEqual(loaded.predictProba(rows(c.Xtest)), c.probaTest);
  const ours = new XGBClassifier().fit(rows(c.X), c.y).booster;
  const theirs = loaded.booster;
  assert.equal(ours.trees.length, theirs.trees.length);
  ours.trees.forEach((t, i) => {
    const u = theirs.trees[i];
    assert.deepEqual(t.left, u.left, `tree ${i} shape`);
    assert.deepEqual(t.splitIndex, u.splitIndex, `tree ${i} split features`);
    assert.deepEqual(t.defaultLeft, u.defaultLeft, `tree ${i} default directions`);
    assert.deepEqual(t.splitConditions, u.splitConditions, `tree ${i} thresholds / leaf values`);
  });
});

test("deterministic: two fits give identical JSON", () => {
  const c = fx.cases[3];
  const a = JSON.stringify(new XGBClassifier().fit(rows(c.X), c.y));
  const b = JSON.stringify(new XGBClassifier().fit(rows(c.X), c.y));
  assert.equal(a, b);
});
