/**
 * Brinson–Fachler performance attribution by segment (sector) and its multi-period linking.
 *
 * Single period (Brinson & Fachler 1985; README "References": attribution), per segment i with portfolio and
 * benchmark weights w_p,i, w_b,i and returns R_p,i, R_b,i, and total benchmark return R_b:
 *   allocation   A_i = (w_p,i − w_b,i)(R_b,i − R_b)
 *   selection    S_i = w_b,i (R_p,i − R_b,i)
 *   interaction  I_i = (w_p,i − w_b,i)(R_p,i − R_b,i)
 * Σ_i (A_i + S_i + I_i) = R_p − R_b exactly when both weight sets sum to the same total (1).
 *
 * Multi-period linking (Carino 1999): arithmetic effects of different periods do not add up to the
 * compounded active return Π(1+R_p,t) − Π(1+R_b,t). Each period's effects are scaled by
 * k_t / K with k_t = [ln(1+R_p,t) − ln(1+R_b,t)] / (R_p,t − R_b,t) and K the same expression for
 * the compounded returns (both = 1/(1+R) in the limit R_p = R_b). Since Σ_t (R_p,t − R_b,t)k_t =
 * ln(Π(1+R_p,t)/Π(1+R_b,t)) = K·(R_p − R_b), the linked effects sum exactly to the compounded
 * active return, and each effect keeps its sign.
 *
 * Units: returns as fractions per period (not percent); weights as fractions summing to 1.
 * Missing segment returns (NaN) are allowed only where the segment has no weight on that side:
 * R_p,i missing with w_p,i = 0 is taken as R_b,i (so selection/interaction are 0), R_b,i missing
 * with w_b,i = 0 is taken as R_b (so allocation is 0 and the segment's result is interaction).
 */

/** One segment (e.g. a sector) in one period. */
export interface Segment {
  segment: string;
  portfolioWeight: number;
  benchmarkWeight: number;
  portfolioReturn: number;
  benchmarkReturn: number;
}

export interface SegmentEffects {
  segment: string;
  allocation: number;
  selection: number;
  interaction: number;
  /** allocation + selection + interaction. */
  total: number;
}

/**
 * An attribution: the effects per segment and their sums. For one period (`brinsonFachler`) the
 * segments are in input order, the returns are Σ w_i R_i and the active return R_p − R_b is
 * arithmetic; linked over periods (`linkCarino`, a `LinkedAttribution`) the segments are in
 * first-seen order with Carino-linked effects, and the returns are compounded, Π(1+R_t) − 1.
 * Either way the active return equals the sum of all effects.
 */
export interface BrinsonResult {
  segments: SegmentEffects[];
  portfolioReturn: number;
  benchmarkReturn: number;
  /** R_p − R_b, equal to the sum of all effects. */
  activeReturn: number;
  allocation: number;
  selection: number;
  interaction: number;
}

/** A period's result from its per-segment effects: the totals are the sums over segments. */
function withTotals(segments: SegmentEffects[], rp: number, rb: number): BrinsonResult {
  const sum = (k: "allocation" | "selection" | "interaction") => segments.reduce((a, e) => a + e[k], 0);
  return {
    segments,
    portfolioReturn: rp,
    benchmarkReturn: rb,
    activeReturn: rp - rb,
    allocation: sum("allocation"),
    selection: sum("selection"),
    interaction: sum("interaction"),
  };
}

/** Brinson–Fachler effects for one period (segments in the given order; names must be unique). */
export function brinsonFachler(segments: readonly Segment[], label = "brinsonFachler"): BrinsonResult {
  if (segments.length === 0) throw new Error(`${label}: no segments`);
  const seen = new Set<string>();
  let wp = 0;
  let wb = 0;
  for (const s of segments) {
    if (seen.has(s.segment)) throw new Error(`${label}: duplicate segment "${s.segment}"`);
    seen.add(s.segment);
    for (const k of ["portfolioWeight", "benchmarkWeight"] as const) {
      if (!Number.isFinite(s[k])) throw new Error(`${label}: segment "${s.segment}" ${k} is ${s[k]}`);
    }
    wp += s.portfolioWeight;
    wb += s.benchmarkWeight;
  }
  if (Math.abs(wp - 1) > 1e-9 || Math.abs(wb - 1) > 1e-9) {
    throw new Error(`${label}: weights must sum to 1 (portfolio ${wp}, benchmark ${wb})`);
  }
  // Benchmark total return first (segments without benchmark weight do not enter it).
  let rb = 0;
  for (const s of segments) {
    if (s.benchmarkWeight !== 0) {
      if (!Number.isFinite(s.benchmarkReturn))
        throw new Error(
          `${label}: segment "${s.segment}" has benchmark weight but benchmarkReturn ${s.benchmarkReturn}`,
        );
      rb += s.benchmarkWeight * s.benchmarkReturn;
    }
  }
  let rp = 0;
  const out: SegmentEffects[] = segments.map((s) => {
    const rbi = Number.isFinite(s.benchmarkReturn) ? s.benchmarkReturn : s.benchmarkWeight === 0 ? rb : Number.NaN;
    let rpi = s.portfolioReturn;
    if (!Number.isFinite(rpi)) {
      if (s.portfolioWeight !== 0)
        throw new Error(`${label}: segment "${s.segment}" has portfolio weight but portfolioReturn ${rpi}`);
      rpi = rbi;
    }
    if (!Number.isFinite(rbi))
      throw new Error(`${label}: segment "${s.segment}" benchmarkReturn is ${s.benchmarkReturn}`);
    rp += s.portfolioWeight * rpi;
    const dw = s.portfolioWeight - s.benchmarkWeight;
    const allocation = dw * (rbi - rb);
    const selection = s.benchmarkWeight * (rpi - rbi);
    const interaction = dw * (rpi - rbi);
    return { segment: s.segment, allocation, selection, interaction, total: allocation + selection + interaction };
  });
  return withTotals(out, rp, rb);
}

/** A holding (stock) with its sector, weights in portfolio and benchmark, and its period return. */
export interface Holding {
  sector: string;
  portfolioWeight: number;
  benchmarkWeight: number;
  return: number;
}

/**
 * Aggregate holdings into sector segments: sector weights are sums, sector returns are the
 * weight-averaged returns on each side (NaN where that side holds nothing in the sector).
 * Sectors are sorted by name (stable, locale-independent comparison).
 */
export function sectorSegments(holdings: readonly Holding[]): Segment[] {
  const acc = new Map<string, { wp: number; wb: number; rp: number; rb: number }>();
  holdings.forEach((h, i) => {
    for (const k of ["portfolioWeight", "benchmarkWeight", "return"] as const) {
      if (!Number.isFinite(h[k])) throw new Error(`sectorSegments: holding ${i} (${h.sector}) ${k} is ${h[k]}`);
    }
    const a = acc.get(h.sector) ?? { wp: 0, wb: 0, rp: 0, rb: 0 };
    a.wp += h.portfolioWeight;
    a.wb += h.benchmarkWeight;
    a.rp += h.portfolioWeight * h.return;
    a.rb += h.benchmarkWeight * h.return;
    acc.set(h.sector, a);
  });
  return [...acc.keys()]
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
    .map((sector) => {
      const a = acc.get(sector)!;
      return {
        segment: sector,
        portfolioWeight: a.wp,
        benchmarkWeight: a.wb,
        portfolioReturn: a.wp !== 0 ? a.rp / a.wp : Number.NaN,
        benchmarkReturn: a.wb !== 0 ? a.rb / a.wb : Number.NaN,
      };
    });
}

/** Carino's log-ratio coefficient [ln(1+R_p) − ln(1+R_b)] / (R_p − R_b), 1/(1+R) when equal. */
export function carinoCoefficient(rp: number, rb: number): number {
  if (!(rp > -1) || !(rb > -1)) throw new Error(`carinoCoefficient: returns must be > −100% (got ${rp}, ${rb})`);
  if (Math.abs(rp - rb) < 1e-14) return 1 / (1 + (rp + rb) / 2);
  return (Math.log1p(rp) - Math.log1p(rb)) / (rp - rb);
}

/** Carino-linked multi-period attribution: compounded returns, linked effects (see `BrinsonResult`). */
export type LinkedAttribution = BrinsonResult;

/** Carino-linked multi-period attribution of a sequence of single-period results (in time order). */
export function linkCarino(periods: readonly BrinsonResult[]): LinkedAttribution {
  if (periods.length === 0) throw new Error("linkCarino: no periods");
  let gp = 1;
  let gb = 1;
  for (const p of periods) {
    gp *= 1 + p.portfolioReturn;
    gb *= 1 + p.benchmarkReturn;
  }
  const rp = gp - 1;
  const rb = gb - 1;
  const K = carinoCoefficient(rp, rb);
  const acc = new Map<string, SegmentEffects>();
  for (const p of periods) {
    const f = carinoCoefficient(p.portfolioReturn, p.benchmarkReturn) / K;
    for (const e of p.segments) {
      const a = acc.get(e.segment) ?? { segment: e.segment, allocation: 0, selection: 0, interaction: 0, total: 0 };
      a.allocation += f * e.allocation;
      a.selection += f * e.selection;
      a.interaction += f * e.interaction;
      a.total += f * e.total;
      acc.set(e.segment, a);
    }
  }
  const segs = [...acc.values()];
  return withTotals(segs, rp, rb);
}
