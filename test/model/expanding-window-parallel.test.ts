import assert from "node:assert/strict";
import { test } from "node:test";
import { BoosterHelper } from "../../lib/model/booster-helper";
import { expandingWindow, expandingWindowParallel, type MonthProgress } from "../../lib/model/expanding-window";
import { createRng } from "../../lib/random";

/** 60 month-ends from 2015-01-31, 5 persistent features (one with missing values), 4 classes. */
function data() {
  const rng = createRng(99);
  const dates: string[] = [];
  for (let i = 0; i < 60; i++) {
    const y = 2015 + Math.floor(i / 12);
    const m = (i % 12) + 1;
    dates.push(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
  }
  const X = dates.map(() =>
    Array.from({ length: 5 }, (_, j) => (j === 4 && rng.uniform() < 0.2 ? Number.NaN : rng.normal())),
  );
  const y = X.map((r) => Math.min(3, Math.max(0, Math.floor((r[0] + 0.5 * r[1] + 0.6 * rng.normal() + 1.5) * 1.4))));
  return { dates, X, y };
}

const options = () => ({ ...data(), splitDate: "2018-01-01", classifier: { nEstimators: 15, maxDepth: 4 } });

test("expanding window: 1, 2 and 3 worker threads give the sequential result bit for bit", async () => {
  const seqMonths: MonthProgress[] = [];
  const seq = expandingWindow({ ...options(), onMonth: (m) => seqMonths.push(m) });
  assert.equal(seq.dates.length, 24);
  assert.equal(seq.fits, 24);
  for (const workers of [1, 2, 3]) {
    const months: MonthProgress[] = [];
    const par = await expandingWindowParallel({ ...options(), onMonth: (m) => months.push(m) }, { workers });
    // deepStrictEqual compares every probability with Object.is: bit-identical doubles
    assert.deepStrictEqual(par, seq, `${workers} workers`);
    assert.deepStrictEqual(months, seqMonths, `${workers} workers: progress in month order`);
  }
});

test("expanding window: the second share on a running helper thread gives the sequential result", async () => {
  const seq = expandingWindow(options());
  const helper = BoosterHelper.start();
  assert.ok(helper, "this machine has more than one core");
  try {
    for (let i = 0; i < 100 && !helper.available; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(helper.available, "the helper thread loaded within 5 s");
    const months: MonthProgress[] = [];
    const par = await expandingWindowParallel({ ...options(), onMonth: (m) => months.push(m) }, { workers: 2, helper });
    assert.deepStrictEqual(par, seq);
    assert.equal(months.length, 24);
    // the helper stays usable for a second window
    assert.deepStrictEqual(await expandingWindowParallel(options(), { workers: 2, helper }), seq);
    assert.ok(helper.available);
  } finally {
    helper.close();
  }
});

test("expanding window: the parallel run refuses a bad worker count", async () => {
  await assert.rejects(expandingWindowParallel(options(), { workers: 0 }), /workers.*integer ≥ 1/);
  await assert.rejects(expandingWindowParallel(options(), { workers: 1.5 }), /workers.*integer ≥ 1/);
});
