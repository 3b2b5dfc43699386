import assert from "node:assert/strict";
import { test } from "node:test";
import { LabelEncoder } from "../../lib/model/label-encoder";
import { balancedSampleWeights } from "../../lib/model/sample-weights";
import { StandardScaler } from "../../lib/model/standard-scaler";
import { readFixture, rows } from "./fixtures";

interface Fx {
  scaler: {
    X: (number | null)[][];
    split: number;
    mean: number[];
    var: number[];
    scale: number[];
    transformed: (number | null)[][];
  };
  labelEncoder: { labels: string[]; classes: string[]; encoded: number[] };
  sampleWeights: { y: number[]; balanced: number[]; yStrings: string[]; balancedStrings: number[] };
}
const fx = readFixture<Fx>("sklearn-preprocessing.json");

const close = (a: number, b: number, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
function allClose(got: ArrayLike<number>, want: ArrayLike<number>, rel: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) assert.ok(close(got[i], want[i], rel), `${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

test("StandardScaler matches scikit-learn 1.2.1 (fit on training rows, ddof 0, constant column, NaN)", () => {
  const X = rows(fx.scaler.X);
  const s = new StandardScaler().fit(X.slice(0, fx.scaler.split));
  allClose(s.params.mean, fx.scaler.mean, 1e-12, "mean");
  allClose(s.params.variance, fx.scaler.var, 1e-10, "var");
  allClose(s.params.scale, fx.scaler.scale, 1e-10, "scale");
  const z = s.transform(X);
  const want = rows(fx.scaler.transformed);
  for (let i = 0; i < z.length; i++) {
    for (let c = 0; c < z[i].length; c++) {
      const v = z[i][c];
      if (Number.isNaN(want[i][c])) assert.ok(Number.isNaN(v));
      else assert.ok(close(v, want[i][c], 1e-9), `z[${i}][${c}] ${v} vs ${want[i][c]}`);
    }
  }
  assert.equal(s.params.scale[3], 1, "constant column scale 1");
  assert.throws(() => s.transform([[1, 2, 3]]), /fitted with 6 features, X has 3/);
});

test("StandardScaler: hand-computed example", () => {
  const z = new StandardScaler().fitTransform([[1], [2], [3], [4]]);
  const sd = Math.sqrt(1.25); // ddof 0
  assert.deepEqual(
    z.map((r) => r[0]),
    [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd],
  );
});

test("LabelEncoder matches scikit-learn: sorted classes, codes, inverse", () => {
  const le = new LabelEncoder<string>().fit(fx.labelEncoder.labels);
  assert.deepEqual(le.classes, fx.labelEncoder.classes);
  assert.deepEqual(le.transform(fx.labelEncoder.labels), fx.labelEncoder.encoded);
  assert.deepEqual(le.inverseTransform(fx.labelEncoder.encoded), fx.labelEncoder.labels);
  assert.throws(() => le.transform(["total_return_1m_momentum"]), /not seen in fit/);
  assert.deepEqual(new LabelEncoder<number>().fitTransform([10, 2, 33, 2]), [1, 0, 2, 0]);
});

test("balanced sample weights = compute_sample_weight('balanced') = n/(k·count)", () => {
  allClose(balancedSampleWeights(fx.sampleWeights.y), fx.sampleWeights.balanced, 1e-12, "w");
  allClose(balancedSampleWeights(fx.sampleWeights.yStrings), fx.sampleWeights.balancedStrings, 1e-12, "ws");
  // hand: n = 4, k = 2, counts 3 and 1
  assert.deepEqual(Array.from(balancedSampleWeights([0, 0, 0, 1])), [4 / 6, 4 / 6, 4 / 6, 2]);
  assert.throws(() => balancedSampleWeights([0, Number.NaN]), /label 1 is NaN/);
});
