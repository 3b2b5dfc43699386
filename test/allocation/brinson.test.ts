import assert from "node:assert/strict";
import { test } from "node:test";
import { brinsonFachler, carinoCoefficient, linkCarino, type Segment, sectorSegments } from "../../lib/allocation";
import { assertClose } from "../helpers";

const close = (a: number, b: number, tol = 1e-15) => assertClose(a, b, tol);

// Hand example: two sectors.
// Tech: w_p 0.6, w_b 0.5, R_p 0.10, R_b 0.08; Energy: w_p 0.4, w_b 0.5, R_p 0.01, R_b 0.02.
// R_b = 0.05, R_p = 0.064, active 0.014.
// Tech:   A = 0.1·(0.08−0.05) = 0.003,  S = 0.5·0.02 = 0.01,   I = 0.1·0.02 = 0.002
// Energy: A = −0.1·(0.02−0.05) = 0.003, S = 0.5·(−0.01) = −0.005, I = −0.1·(−0.01) = 0.001
const seg: Segment[] = [
  { segment: "Tech", portfolioWeight: 0.6, benchmarkWeight: 0.5, portfolioReturn: 0.1, benchmarkReturn: 0.08 },
  { segment: "Energy", portfolioWeight: 0.4, benchmarkWeight: 0.5, portfolioReturn: 0.01, benchmarkReturn: 0.02 },
];

test("brinsonFachler: two sectors by hand", () => {
  const r = brinsonFachler(seg);
  close(r.benchmarkReturn, 0.05);
  close(r.portfolioReturn, 0.064);
  close(r.segments[0].allocation, 0.003);
  close(r.segments[0].selection, 0.01);
  close(r.segments[0].interaction, 0.002);
  close(r.segments[1].allocation, 0.003);
  close(r.segments[1].selection, -0.005);
  close(r.segments[1].interaction, 0.001);
  close(r.allocation + r.selection + r.interaction, 0.014, 1e-15);
  close(r.activeReturn, 0.014, 1e-15);
});

test("brinsonFachler: effects sum to the active return per period (random periods), missing sides", () => {
  let seed = 3;
  const u = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let t = 0; t < 100; t++) {
    const n = 2 + Math.floor(u() * 10);
    const wp = Array.from({ length: n }, () => (u() < 0.2 ? 0 : u()));
    wp[0] = wp[0] || 0.1;
    const wb = Array.from({ length: n }, () => u() + 0.01);
    const sp = wp.reduce((a, x) => a + x, 0);
    const sb = wb.reduce((a, x) => a + x, 0);
    const segs = wp.map((w, i) => ({
      segment: `S${i}`,
      portfolioWeight: w / sp,
      benchmarkWeight: wb[i] / sb,
      portfolioReturn: w === 0 ? Number.NaN : (u() - 0.5) * 0.2,
      benchmarkReturn: (u() - 0.5) * 0.2,
    }));
    const r = brinsonFachler(segs);
    const total = r.segments.reduce((a, e) => a + e.total, 0);
    close(total, r.activeReturn, 1e-15);
    close(r.allocation + r.selection + r.interaction, r.activeReturn, 1e-15);
    // Independent totals.
    close(
      r.portfolioReturn,
      segs.reduce((a, s) => a + (s.portfolioWeight ? s.portfolioWeight * s.portfolioReturn : 0), 0),
      1e-15,
    );
    r.segments.forEach((e, i) => {
      if (segs[i].portfolioWeight === 0) {
        assert.ok(e.selection === 0);
        assert.ok(e.interaction === 0);
      }
    });
  }
});

test("linkCarino: linked effects sum to the compounded active return; coefficient by hand", () => {
  // k(0.1, 0.05) = (ln 1.1 − ln 1.05)/0.05.
  close(carinoCoefficient(0.1, 0.05), (Math.log(1.1) - Math.log(1.05)) / 0.05);
  close(carinoCoefficient(0.02, 0.02), 1 / 1.02);
  const p1 = brinsonFachler(seg);
  const p2 = brinsonFachler([
    { segment: "Tech", portfolioWeight: 0.55, benchmarkWeight: 0.5, portfolioReturn: -0.04, benchmarkReturn: -0.03 },
    { segment: "Energy", portfolioWeight: 0.45, benchmarkWeight: 0.5, portfolioReturn: 0.03, benchmarkReturn: 0.01 },
  ]);
  const p3 = brinsonFachler([
    { segment: "Tech", portfolioWeight: 0.5, benchmarkWeight: 0.5, portfolioReturn: 0.02, benchmarkReturn: 0.02 },
    { segment: "Energy", portfolioWeight: 0.5, benchmarkWeight: 0.5, portfolioReturn: 0.01, benchmarkReturn: 0.01 },
  ]);
  const l = linkCarino([p1, p2, p3]);
  const rp = 1.064 * (1 + p2.portfolioReturn) * 1.015 - 1;
  const rb = 1.05 * (1 + p2.benchmarkReturn) * 1.015 - 1;
  close(l.portfolioReturn, rp, 1e-15);
  close(l.benchmarkReturn, rb, 1e-15);
  close(l.allocation + l.selection + l.interaction, rp - rb, 1e-15);
  close(
    l.segments.reduce((a, e) => a + e.total, 0),
    rp - rb,
    1e-15,
  );
  // The naive sum of arithmetic active returns differs from the compounded one (why linking is needed).
  assert.ok(Math.abs(p1.activeReturn + p2.activeReturn + p3.activeReturn - (rp - rb)) > 1e-4);
});

test("sectorSegments aggregates holdings; bad input errors", () => {
  const s = sectorSegments([
    { sector: "Tech", portfolioWeight: 0.3, benchmarkWeight: 0.2, return: 0.1 },
    { sector: "Energy", portfolioWeight: 0.4, benchmarkWeight: 0.5, return: 0.02 },
    { sector: "Tech", portfolioWeight: 0.3, benchmarkWeight: 0.2, return: 0.04 },
    { sector: "Utilities", portfolioWeight: 0, benchmarkWeight: 0.1, return: 0.01 },
  ]);
  assert.deepEqual(
    s.map((x) => x.segment),
    ["Energy", "Tech", "Utilities"],
  );
  close(s[1].portfolioWeight, 0.6);
  close(s[1].portfolioReturn, 0.07, 1e-15);
  assert.ok(Number.isNaN(s[2].portfolioReturn));
  const r = brinsonFachler(s);
  close(r.allocation + r.selection + r.interaction, r.activeReturn, 1e-15);
  assert.throws(() => brinsonFachler([]), /no segments/);
  assert.throws(() => brinsonFachler([seg[0], seg[0]]), /duplicate segment "Tech"/);
  assert.throws(() => brinsonFachler([{ ...seg[0], portfolioWeight: 0.7 }, seg[1]]), /weights must sum to 1/);
  assert.throws(() => brinsonFachler([{ ...seg[0], portfolioReturn: Number.NaN }, seg[1]]), /portfolio weight but/);
  assert.throws(() => linkCarino([]), /no periods/);
});
