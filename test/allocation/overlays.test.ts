import assert from "node:assert/strict";
import { test } from "node:test";
import { drawdownControl, drawdownExposure, panelMarketReturns, volatilityRegime } from "../../lib/allocation";
import { ArgumentError } from "../../lib/validation";
import { assertClose as close } from "../helpers";

test("drawdownExposure: linear between threshold and limit (hand: a = 5 %, b = 15 %, floor 0.25)", () => {
  close(drawdownExposure(0), 1);
  close(drawdownExposure(-0.05), 1);
  close(drawdownExposure(-0.1), 1 - 0.75 * 0.5); // 0.625
  close(drawdownExposure(-0.15), 0.25);
  close(drawdownExposure(-0.4), 0.25);
  assert.throws(() => drawdownExposure(0.1), ArgumentError);
  assert.throws(() => drawdownExposure(-0.1, { threshold: 0.2, limit: 0.1 }), ArgumentError);
});

test("drawdownControl: hand path, exposure decided on the drawdown at the end of the previous month", () => {
  // strategy: −10 %, −10 %, +20 %, +5 %; safe 0.5 % every month; rule a = 5 %, b = 25 %, floor 0
  // wealth 1 → 0.9 → 0.81 → 0.972 → 1.0206; drawdown before each month: 0, −10 %, −19 %, −2.8 %
  // exposure: 1, 1 − (0.10 − 0.05)/0.20 = 0.75, 1 − (0.19 − 0.05)/0.20 = 0.3, 1
  const r = drawdownControl([-10, -10, 20, 5], [0.5, 0.5, 0.5, 0.5], { threshold: 0.05, limit: 0.25, floor: 0 });
  [1, 0.75, 0.3, 1].forEach((e, i) => {
    close(r.exposure[i], e, 1e-12, `e${i}`);
  });
  [0, -0.1, -0.19, -0.028].forEach((d, i) => {
    close(r.drawdown[i], d, 1e-12, `dd${i}`);
  });
  [-10, 0.75 * -10 + 0.25 * 0.5, 0.3 * 20 + 0.7 * 0.5, 5].forEach((x, i) => {
    close(r.returns[i], x, 1e-12, `r${i}`);
  });
});

test("drawdownControl: point in time — changing month t's return leaves exposures up to t unchanged", () => {
  const base = [3, -8, -6, 2, 4, -12, 7, 1];
  const a = drawdownControl(base);
  const b = drawdownControl([...base.slice(0, 5), 30, -40, 9]);
  assert.deepEqual(a.exposure.slice(0, 6), b.exposure.slice(0, 6));
});

test("volatilityRegime: hand case with window 2 and an expanding median", () => {
  // returns 0, 2, 0, 10: σ (ddof 1) of pairs: √2, √2, √50 at dates 2, 3, 4
  const r = volatilityRegime(["a", "b", "c", "d"], [0, 2, 0, 10], { window: 2, ratio: 1.5, highScale: 0.2 });
  assert.ok(Number.isNaN(r[0].trailingVolatility));
  assert.equal(r[0].scale, 1);
  close(r[1].trailingVolatility, Math.SQRT2);
  close(r[2].referenceVolatility, Math.SQRT2);
  assert.equal(r[2].high, false);
  close(r[3].trailingVolatility, Math.sqrt(50));
  close(r[3].referenceVolatility, Math.SQRT2); // median of √2, √2, √50
  assert.equal(r[3].high, true);
  assert.equal(r[3].scale, 0.2);
});

test("panelMarketReturns: equal-weighted mean of the finite returns per date", () => {
  const rec = (date: string, instrument: string, returnPct: number) => ({
    instrument,
    date,
    sector: "S",
    returnPct,
    marketCap: 1,
    factorWeights: {},
  });
  const m = panelMarketReturns([
    rec("2020-02-29", "A", 2),
    rec("2020-01-31", "A", 1),
    rec("2020-01-31", "B", 3),
    rec("2020-02-29", "B", Number.NaN),
  ]);
  assert.deepEqual(m.dates, ["2020-01-31", "2020-02-29"]);
  assert.deepEqual(m.returns, [2, 2]);
});
