import assert from "node:assert/strict";
import { test } from "node:test";
import { rollingAttribution } from "../../lib/allocation";
import { ArgumentError } from "../../lib/validation";
import { assertClose as close } from "../helpers";

// Two funds, 4 months of active returns (percent): a = (1, −1, 2, 0), b = (0, 1, −1, 2).
const a = [1, -1, 2, 0];
const b = [0, 1, -1, 2];
const months = ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"];

test("rollingAttribution: windows of 3 by hand (team alpha = 12·mean of the team's active return)", () => {
  const r = rollingAttribution([a, b], months, [0.5, 0.5], 3);
  assert.deepEqual(
    r.map((p) => p.date),
    ["2020-03-31", "2020-04-30"],
  );
  // window 1: team active (0.5, 0, 0.5) → mean 1/3 % per month → α = 4 % = 0.04; std (ddof 1) = √(1/12) %
  close(r[0].alpha, 0.04, 1e-15);
  const team = [0.5, 0, 0.5];
  const m = 1 / 3;
  const sd = Math.sqrt(team.reduce((s, x) => s + (x - m) ** 2, 0) / 2);
  close(r[0].trackingError, (Math.sqrt(12) * sd) / 100, 1e-15);
  // window 2: team (0, 0.5, 1): mean 0.5 → α = 0.06
  close(r[1].alpha, 0.06, 1e-15);
  for (const p of r) {
    close(p.riskShares[0] + p.riskShares[1], 1, 1e-12);
    close(p.returnShares[0] + p.returnShares[1], 1, 1e-12);
  }
});

test("rollingAttribution: point in time — later months do not change earlier windows", () => {
  const r1 = rollingAttribution([a, b], months, [0.5, 0.5], 3);
  const r2 = rollingAttribution(
    [
      [...a.slice(0, 3), 50],
      [...b.slice(0, 3), -50],
    ],
    months,
    [0.5, 0.5],
    3,
  );
  assert.deepEqual(r1[0], r2[0]);
  assert.throws(() => rollingAttribution([a, b], months, [0.5, 0.5], 5), ArgumentError);
});
