import assert from "node:assert/strict";
import { test } from "node:test";
import { nodeScore, splitLossChange } from "../../lib/model/booster-exact";
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

test("a root near-tie is broken by xgboost's float32 score arithmetic (binary-near-tie-float32-gain)", () => {
  const c = fx.cases.find((k) => k.name === "binary-near-tie-float32-gain") as ParityCase & {
    rootSplit: { feature: number; lossChange: number };
  };
  // first round, base_score 0.5: p = 0.5, so g = (0.5 − y)·w and h = 0.25·w, both exact in float32
  const f32 = Math.fround;
  const w = c.sampleWeight!.map(f32);
  const g = c.y.map((y, i) => f32((0.5 - y) * w[i]));
  const h = w.map((v) => f32(0.25 * v));
  const sum = (a: number[], keep: (i: number) => boolean) => a.reduce((s, v, i) => (keep(i) ? s + v : s), 0);
  const all = () => true;
  /** Loss change of the root split "x[f] < 0.5" with a given score function. */
  const loss = (f: number, score: (g: number, h: number, lambda: number) => number) => {
    const left = (i: number) => c.X[i][f]! < 0.5;
    const right = (i: number) => !left(i);
    const root = score(sum(g, all), sum(h, all), 1);
    return splitLossChange(score(sum(g, left), sum(h, left), 1), score(sum(g, right), sum(h, right), 1), root);
  };
  // the score as one double division rounded to float32 (this engine before it matched xgboost)
  const roundedOnce = (g: number, h: number, lambda: number) => (h <= 0 ? 0 : f32((g * g) / (h + lambda)));
  // old arithmetic: f0 0.18166208267211914, f1 0.18166208267211914 → a tie, the lower index f0 wins
  assert.equal(loss(0, roundedOnce), 0.18166208267211914);
  assert.equal(loss(1, roundedOnce), 0.18166208267211914);
  // xgboost's (float32 G², float32 H + λ, float32 quotient): f0 0.18166208267211914 < f1 0.1816622018814087 → f1
  assert.equal(loss(0, nodeScore), 0.18166208267211914);
  assert.equal(loss(1, nodeScore), 0.1816622018814087);
  assert.deepEqual(c.rootSplit, { feature: 1, lossChange: 0.1816622 });
  assert.equal(f32(c.rootSplit.lossChange), loss(1, nodeScore));
  // and our booster splits the first root as xgboost does
  const tree0 = new XGBClassifier(optionsFromPython(c.params)).fit(rows(c.X), c.y, { sampleWeight: c.sampleWeight })
    .booster.trees[0];
  assert.equal(tree0.splitIndex[0], 1);
  assert.equal(tree0.lossChanges[0], loss(1, nodeScore));
});

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
