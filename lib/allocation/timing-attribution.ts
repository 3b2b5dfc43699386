/**
 * Attribution with a timing term (reference 000: "separating the impact of security selection,
 * sector rotation, and tactical timing"), linked over periods with Carino.
 *
 * Per period t, segment j (sector, or a "cash" segment of an exposure overlay), Brinson–Fachler
 * (brinson.ts) gives allocation (w_p,j,t − w_b,j,t)(R_b,j,t − R_b,t), selection and interaction,
 * summing to R_p,t − R_b,t. With the active weight a_j,t = w_p,j,t − w_b,j,t and its average over
 * the T periods ā_j = Σ_t a_j,t / T (a segment absent in a period counts as a_j,t = 0), the
 * allocation effect is split into
 *   allocation (the average sector bet, "sector rotation" held on average)  Σ_j ā_j (R_b,j,t − R_b,t)
 *   timing (return from changing the bets over time)                        Σ_j (a_j,t − ā_j)(R_b,j,t − R_b,t),
 * summed over the segments present in t. allocation + timing + selection + interaction =
 * R_p,t − R_b,t exactly in each period. ā uses all T periods (an ex-post attribution: no decision
 * depends on it). Each term is then linked with Carino's factor k_t / K (brinson.ts) so that the
 * linked terms sum exactly to the compounded active return Π(1 + R_p,t) − Π(1 + R_b,t).
 * A segment whose benchmark return is NaN (no benchmark weight) takes R_b,t as in brinson.ts, so
 * its allocation and timing are 0; give a cash segment its own return as benchmarkReturn to
 * attribute an exposure overlay to timing (see `overlaySegments`).
 *
 * Units: fractions per period (as brinson.ts); weights of each period sum to 1.
 */
import { ArgumentError, checkVector, type Vec } from "../validation";
import { brinsonFachler, carinoCoefficient, type Segment } from "./brinson";

export interface TimingPeriod {
  portfolioReturn: number;
  benchmarkReturn: number;
  activeReturn: number;
  allocation: number;
  timing: number;
  selection: number;
  interaction: number;
}

export interface TimingAttribution {
  periods: TimingPeriod[];
  /** ā_j by segment name (sorted). */
  averageActiveWeights: Record<string, number>;
  /** Carino-linked totals; the four effects sum to activeReturn. */
  linked: TimingPeriod;
}

/** Allocation / timing / selection / interaction per period and linked (module comment). */
export function timingAttribution(periods: readonly (readonly Segment[])[]): TimingAttribution {
  const fn = "timingAttribution";
  if (periods.length === 0) throw new ArgumentError({ where: fn, argument: "periods", problem: "is empty" });
  const bf = periods.map((segs, t) => brinsonFachler(segs, `${fn} period ${t}`));
  const names = [...new Set(periods.flatMap((p) => p.map((s) => s.segment)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const T = periods.length;
  const avg: Record<string, number> = {};
  for (const n of names) avg[n] = 0;
  for (const p of periods) for (const s of p) avg[s.segment] += (s.portfolioWeight - s.benchmarkWeight) / T;
  const out: TimingPeriod[] = periods.map((p, t) => {
    const rb = bf[t].benchmarkReturn;
    let allocation = 0;
    let timing = 0;
    for (const s of p) {
      const rbj = Number.isFinite(s.benchmarkReturn) ? s.benchmarkReturn : rb;
      const x = rbj - rb;
      const a = s.portfolioWeight - s.benchmarkWeight;
      allocation += avg[s.segment] * x;
      timing += (a - avg[s.segment]) * x;
    }
    return {
      portfolioReturn: bf[t].portfolioReturn,
      benchmarkReturn: rb,
      activeReturn: bf[t].activeReturn,
      allocation,
      timing,
      selection: bf[t].selection,
      interaction: bf[t].interaction,
    };
  });
  let gp = 1;
  let gb = 1;
  for (const p of out) {
    gp *= 1 + p.portfolioReturn;
    gb *= 1 + p.benchmarkReturn;
  }
  const K = carinoCoefficient(gp - 1, gb - 1);
  const linked: TimingPeriod = {
    portfolioReturn: gp - 1,
    benchmarkReturn: gb - 1,
    activeReturn: gp - gb,
    allocation: 0,
    timing: 0,
    selection: 0,
    interaction: 0,
  };
  for (const p of out) {
    const f = carinoCoefficient(p.portfolioReturn, p.benchmarkReturn) / K;
    linked.allocation += f * p.allocation;
    linked.timing += f * p.timing;
    linked.selection += f * p.selection;
    linked.interaction += f * p.interaction;
  }
  return { periods: out, averageActiveWeights: avg, linked };
}

/**
 * The segments of an exposure overlay: portfolio weights × e, plus a segment `cashLabel` with
 * portfolio weight 1 − e, benchmark weight 0 and the safe asset's return `safeReturn` (fraction)
 * as both its portfolio and benchmark return, so that `timingAttribution` books the exposure
 * changes as timing (module comment). e in [0, 1].
 */
export function overlaySegments(
  segments: readonly Segment[],
  exposure: number,
  safeReturn: number,
  cashLabel = "cash",
): Segment[] {
  const fn = "overlaySegments";
  if (!(exposure >= 0 && exposure <= 1))
    throw new ArgumentError({ where: fn, argument: "exposure", value: exposure, problem: "expected [0, 1]" });
  if (!Number.isFinite(safeReturn))
    throw new ArgumentError({
      where: fn,
      argument: "safeReturn",
      value: safeReturn,
      problem: "expected a finite number",
    });
  if (segments.some((s) => s.segment === cashLabel))
    throw new ArgumentError({ where: fn, argument: "cashLabel", value: cashLabel, problem: "is already a segment" });
  return [
    ...segments.map((s) => ({ ...s, portfolioWeight: s.portfolioWeight * exposure })),
    {
      segment: cashLabel,
      portfolioWeight: 1 - exposure,
      benchmarkWeight: 0,
      portfolioReturn: safeReturn,
      benchmarkReturn: safeReturn,
    },
  ];
}

/** Overlay segments for every period: `exposure[t]` and `safe[t]` (fractions) per period. */
export function overlayPeriods(periods: readonly (readonly Segment[])[], exposure: Vec, safe?: Vec): Segment[][] {
  const e = checkVector("overlayPeriods", "exposure", exposure, periods.length);
  const f = safe ? checkVector("overlayPeriods", "safe", safe, periods.length) : e.map(() => 0);
  return periods.map((p, t) => overlaySegments(p, e[t], f[t]));
}
