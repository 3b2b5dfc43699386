import { test } from "node:test";
import {
  drawdownControl,
  overlaySegments,
  type Segment,
  strategicIndex,
  strategicTimingAttribution,
  timingAttribution,
} from "../../lib/allocation";
import { assertClose } from "../helpers";

const close = (a: number, b: number, tol = 1e-14, what = "") => assertClose(a, b, tol, what);
const seg = (segment: string, wp: number, wb: number, rp: number, rb: number): Segment => ({
  segment,
  portfolioWeight: wp,
  benchmarkWeight: wb,
  portfolioReturn: rp,
  benchmarkReturn: rb,
});

test("timing attribution: hand case, bets that flip have no average allocation, all timing", () => {
  // P1: a = (+0.1, −0.1), R_b = 0.03, x = (+0.01, −0.01); P2: a = (−0.1, +0.1), R_b = 0.005, x = (−0.015, +0.015)
  const p1 = [seg("A", 0.6, 0.5, 0.05, 0.04), seg("B", 0.4, 0.5, 0.01, 0.02)];
  const p2 = [seg("A", 0.4, 0.5, -0.02, -0.01), seg("B", 0.6, 0.5, 0.03, 0.02)];
  const r = timingAttribution([p1, p2]);
  close(r.averageActiveWeights.A, 0);
  const [a, b] = r.periods;
  close(a.allocation, 0);
  close(a.timing, 0.002);
  close(a.selection, 0);
  close(a.interaction, 0.002);
  close(b.allocation, 0);
  close(b.timing, 0.003);
  close(b.interaction, 0.002);
  for (const p of r.periods) close(p.allocation + p.timing + p.selection + p.interaction, p.activeReturn);
  // linked: compounded active return 1.034·1.01 − 1.03·1.005 = 1.04434 − 1.03515
  close(r.linked.activeReturn, 1.034 * 1.01 - 1.03 * 1.005, 1e-15);
  const l = r.linked;
  close(l.allocation + l.timing + l.selection + l.interaction, l.activeReturn, 1e-15);
});

test("timing attribution: a persistent bet is allocation, its change is timing (hand)", () => {
  // P2 now a = (+0.3, −0.3) → ā = (0.2, −0.2)
  const p1 = [seg("A", 0.6, 0.5, 0.05, 0.04), seg("B", 0.4, 0.5, 0.01, 0.02)];
  const p2 = [seg("A", 0.8, 0.5, -0.02, -0.01), seg("B", 0.2, 0.5, 0.03, 0.02)];
  const r = timingAttribution([p1, p2]);
  close(r.averageActiveWeights.A, 0.2);
  close(r.periods[0].allocation, 0.2 * 0.01 + -0.2 * -0.01); // 0.004
  close(r.periods[0].timing, -0.1 * 0.01 + 0.1 * -0.01); // −0.002
  close(r.periods[1].allocation, 0.2 * -0.015 + -0.2 * 0.015); // −0.006
  close(r.periods[1].timing, 0.1 * -0.015 + -0.1 * 0.015); // −0.003
  for (const p of r.periods) close(p.allocation + p.timing + p.selection + p.interaction, p.activeReturn);
});

test("exposure overlay: cash changes are booked as timing and the identity holds", () => {
  const p = [seg("A", 0.5, 0.5, 0.04, 0.04), seg("B", 0.5, 0.5, 0.02, 0.02)];
  const q = [seg("A", 0.5, 0.5, -0.06, -0.06), seg("B", 0.5, 0.5, -0.02, -0.02)];
  // exposure 1 in P1, 0.5 in P2 with cash at 0: portfolio P2 = 0.5·(−0.04) = −0.02 vs −0.04
  const r = timingAttribution([overlaySegments(p, 1, 0), overlaySegments(q, 0.5, 0)]);
  close(r.periods[1].portfolioReturn, -0.02);
  close(r.periods[1].activeReturn, 0.02);
  // ā_cash = 0.25, ā_A = ā_B = −0.125; P2: x = (−0.02, +0.02, cash +0.04)
  close(r.periods[1].allocation, -0.125 * -0.02 + -0.125 * 0.02 + 0.25 * 0.04); // 0.01
  close(r.periods[1].timing, -0.125 * -0.02 + -0.125 * 0.02 + 0.25 * 0.04); // 0.01
  close(r.periods[1].selection, 0);
  for (const x of r.periods) close(x.allocation + x.timing + x.selection + x.interaction, x.activeReturn);
});

test("strategicTimingAttribution: terms add up to the compounded gross active return of an index run", () => {
  const names = ["A", "B", "C", "D"];
  const dates = ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"];
  const ret: number[][] = [
    [5, 5, 5, 5],
    [10, 0, -10, 20],
    [2, 4, 6, 8],
    [-5, 5, 0, 10],
  ];
  const stocks = dates.flatMap((d, t) =>
    names.map((k, i) => ({
      instrument: k,
      date: d,
      sector: i < 2 ? "S1" : "S2",
      returnPct: ret[t][i],
      marketCap: 1e11,
      factorWeights: { x: [0.4, 0.3, 0.2, 0.1][i], y: [0.1, 0.2, 0.3, 0.4][i] },
    })),
  );
  const fc = dates.slice(0, 3).map((d, t) => ({ date: d, probabilities: { x: t % 2, y: 1 - (t % 2) } }));
  const res = strategicIndex(stocks, fc, ["x", "y"], { assetCap: 1, sectorCap: 1, costs: false });
  const gross = res.months.map((m) => m.grossReturn);
  const base = res.months.map((m) => m.benchmarkReturn);
  const comp = (r: number[]) => r.reduce((g, x) => g * (1 + x / 100), 1);
  const { attribution } = strategicTimingAttribution(res);
  const l = attribution.linked;
  close(l.activeReturn, comp(gross) - comp(base), 1e-14);
  close(l.allocation + l.timing + l.selection + l.interaction, l.activeReturn, 1e-14);
  // with an exposure overlay: the portfolio is e·gross (cash at 0)
  const ov = drawdownControl(gross, undefined, { threshold: 0, limit: 0.5, floor: 0 });
  const withOverlay = strategicTimingAttribution(res, ov.exposure).attribution.linked;
  close(withOverlay.portfolioReturn, comp(ov.returns) - 1, 1e-14);
  close(
    withOverlay.allocation + withOverlay.timing + withOverlay.selection + withOverlay.interaction,
    withOverlay.activeReturn,
    1e-14,
  );
});
