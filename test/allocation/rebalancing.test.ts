import assert from "node:assert/strict";
import { test } from "node:test";
import { simulateRebalancing, turnover } from "../../lib/allocation";

const close = (a: number, b: number, tol = 1e-15) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

// By hand: targets 50/50 each period; returns +10%/−10%, then 0/0, then +2%/+2%; band 2 points;
// cost 0.1% of the one-way turnover.
// t0: hold 50/50 (initial), gross 0, drift to 55/45. t1: drift 5 points > 2 → trade back, turnover
// 0.05, cost 5e-5, net −5e-5. t2: no drift → no trade, gross = net = 2%.
test("simulateRebalancing by hand: drift, band, cost", () => {
  const res = simulateRebalancing({
    targets: [
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
    ],
    returns: [
      [0.1, -0.1],
      [0, 0],
      [0.02, 0.02],
    ],
    band: 0.02,
    cost: (from, to) => 0.001 * turnover(from, to),
  });
  assert.deepEqual(
    res.map((p) => p.traded),
    [false, true, false],
  );
  close(res[0].grossReturn, 0);
  close(res[1].turnover, 0.05, 1e-15);
  close(res[1].cost, 5e-5, 1e-18);
  close(res[1].netReturn, -5e-5, 1e-16); // 1 − 5e-5 is rounded to double precision
  close(res[2].netReturn, 0.02);
  // A wide band never trades: the portfolio keeps drifting (55/45 during t1).
  const wide = simulateRebalancing({
    targets: [
      [0.5, 0.5],
      [0.5, 0.5],
    ],
    returns: [
      [0.1, -0.1],
      [0.1, 0],
    ],
    band: 0.1,
  });
  close(wide[1].weights[0], 0.55, 1e-15);
  close(wide[1].grossReturn, 0.055, 1e-15);
  assert.throws(() => simulateRebalancing({ targets: [[0.5, 0.4]], returns: [[0, 0]], band: 0 }), /sums to 0.9/);
  assert.throws(() => simulateRebalancing({ targets: [[1]], returns: [], band: 0 }), /1 target periods but 0/);
});
