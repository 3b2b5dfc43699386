/**
 * Risk overlays of the ML strategic balanced index (reference 000: "reduce drawdowns during
 * turbulent market conditions", "react to regime changes"): a drawdown-control rule that scales
 * the exposure to the strategy, and a trailing-volatility regime signal that scales the tilt.
 *
 * ## Drawdown control
 * Strategy returns R_s,t and a safe asset's returns R_f,t (percent per month, aligned by return
 * month t; cash at 0 % by default). The exposure for month t is decided at the end of t − 1 from
 * the strategy's own drawdown then (point in time: nothing of month t is used):
 *   W_s = Π_{u≤s} (1 + R_s,u/100), W_0 = 1;  DD_{t−1} = W_{t−1} / max_{u≤t−1} W_u − 1  (≤ 0, fraction);
 *   e_t = 1                                          if −DD_{t−1} ≤ a (the `threshold`),
 *   e_t = 1 − (1 − e_min)·(−DD_{t−1} − a)/(b − a)     for a < −DD_{t−1} < b,
 *   e_t = e_min                                      if −DD_{t−1} ≥ b (the `limit`),
 * a linear de-risking between the threshold a and the limit b (fractions, 0 ≤ a < b), floored at
 * e_min (the `floor`, in [0, 1]). The first month has DD = 0, so e_1 = 1. The overlay holds
 *   R_t = e_t R_s,t + (1 − e_t) R_f,t,
 * i.e. it is rebalanced to e_t at the start of each month; the cost of changing the exposure is
 * not charged (state it when comparing with a cost-charged series). The drawdown is that of the
 * strategy, not of the overlay, so the overlay re-risks as soon as the strategy recovers.
 *
 * ## Volatility regime
 * Monthly market returns M_s (percent; e.g. the equal-weighted member return of the panel). At
 * each date d: σ_d = sample std (ddof 1) of the last `window` returns up to and including d;
 * σ̄_d = median of σ_u over the dates u ≤ d at which σ_u exists (an expanding, point-in-time
 * reference). The regime is "high" when σ_d > `ratio`·σ̄_d, and the tilt scale is `highScale`
 * there and 1 otherwise (1 also before `window` returns exist). The scale at d is meant for the
 * decision taken at d.
 */
import { median, sampleStd } from "../statistics/descriptive";
import { ArgumentError, checkVector, type Vec } from "../validation";
import type { StockMonth } from "./strategic-index";

export interface DrawdownRule {
  /** Drawdown a (fraction, ≥ 0) beyond which exposure is cut (default 0.05). */
  threshold?: number;
  /** Drawdown b (fraction, > a) at which exposure reaches the floor (default 0.15). */
  limit?: number;
  /** Smallest exposure e_min in [0, 1] (default 0.25). */
  floor?: number;
}

export interface DrawdownOverlay {
  /** Exposure e_t held in month t. */
  exposure: number[];
  /** Strategy drawdown at the end of t − 1 (fraction ≤ 0) that set e_t. */
  drawdown: number[];
  /** Overlay returns, percent. */
  returns: number[];
}

/** Exposure for a drawdown `dd` (fraction ≤ 0) under the rule (module comment). */
export function drawdownExposure(dd: number, rule: DrawdownRule = {}): number {
  const a = rule.threshold ?? 0.05;
  const b = rule.limit ?? 0.15;
  const f = rule.floor ?? 0.25;
  if (!(a >= 0) || !(b > a) || !Number.isFinite(b))
    throw new ArgumentError({
      where: "drawdownExposure",
      argument: "rule",
      value: [a, b],
      problem: `threshold ${a} and limit ${b} must satisfy 0 ≤ threshold < limit`,
    });
  if (!(f >= 0 && f <= 1))
    throw new ArgumentError({
      where: "drawdownExposure",
      argument: "rule.floor",
      value: f,
      problem: "expected [0, 1]",
    });
  if (!(dd <= 0) || !Number.isFinite(dd))
    throw new ArgumentError({
      where: "drawdownExposure",
      argument: "dd",
      value: dd,
      problem: "expected a drawdown ≤ 0",
    });
  const x = -dd;
  if (x <= a) return 1;
  if (x >= b) return f;
  return 1 - ((1 - f) * (x - a)) / (b - a);
}

/** Drawdown-control overlay of a strategy (module comment). `safe` defaults to 0 % every month. */
export function drawdownControl(strategy: Vec, safe?: Vec, rule: DrawdownRule = {}): DrawdownOverlay {
  const fn = "drawdownControl";
  const r = checkVector(fn, "strategy", strategy);
  const f = safe ? checkVector(fn, "safe", safe, r.length) : r.map(() => 0);
  r.forEach((x, i) => {
    if (!(x > -100))
      throw new ArgumentError({ where: fn, argument: "strategy", index: i, value: x, problem: "is ≤ −100 %" });
  });
  let w = 1;
  let peak = 1;
  const exposure: number[] = [];
  const drawdown: number[] = [];
  const returns: number[] = [];
  for (let t = 0; t < r.length; t++) {
    const dd = w / peak - 1;
    const e = drawdownExposure(Math.min(0, dd), rule);
    exposure.push(e);
    drawdown.push(Math.min(0, dd));
    returns.push(e * r[t] + (1 - e) * f[t]);
    w *= 1 + r[t] / 100;
    peak = Math.max(peak, w);
  }
  return { exposure, drawdown, returns };
}

export interface RegimeOptions {
  /** Months in the trailing volatility (default 12). */
  window?: number;
  /** High regime when σ_d > ratio·median (default 1.25). */
  ratio?: number;
  /** Tilt scale in the high regime (default 0.5). */
  highScale?: number;
}

export interface RegimePoint {
  date: string;
  /** σ_d, percent per month (NaN before `window` returns). */
  trailingVolatility: number;
  /** Expanding median of σ up to d (NaN before the first σ). */
  referenceVolatility: number;
  high: boolean;
  scale: number;
}

/** Trailing-volatility regime per date (module comment); `dates` ascending, `returns` percent. */
export function volatilityRegime(dates: readonly string[], returns: Vec, opts: RegimeOptions = {}): RegimePoint[] {
  const fn = "volatilityRegime";
  const r = checkVector(fn, "returns", returns, dates.length);
  const win = opts.window ?? 12;
  const ratio = opts.ratio ?? 1.25;
  const hs = opts.highScale ?? 0.5;
  if (!Number.isInteger(win) || win < 2)
    throw new ArgumentError({ where: fn, argument: "window", value: win, problem: "expected an integer ≥ 2" });
  if (!(ratio > 0)) throw new ArgumentError({ where: fn, argument: "ratio", value: ratio, problem: "expected > 0" });
  if (!(hs >= 0) || !Number.isFinite(hs))
    throw new ArgumentError({ where: fn, argument: "highScale", value: hs, problem: "expected a finite number ≥ 0" });
  for (let i = 1; i < dates.length; i++)
    if (!(dates[i - 1] < dates[i]))
      throw new ArgumentError({
        where: fn,
        argument: "dates",
        index: i,
        value: dates[i],
        problem: "are not strictly ascending",
      });
  const past: number[] = [];
  return dates.map((date, t) => {
    let sd = Number.NaN;
    if (t + 1 >= win) {
      sd = sampleStd(r.slice(t + 1 - win, t + 1));
      past.push(sd);
    }
    const ref = median(past);
    const high = Number.isFinite(sd) && sd > ratio * ref;
    return { date, trailingVolatility: sd, referenceVolatility: ref, high, scale: high ? hs : 1 };
  });
}

/**
 * Equal-weighted mean return (percent) of the records of each date of a constituent panel, over
 * the records with a finite return; dates ascending. The market series of the regime signal.
 */
export function panelMarketReturns(stocks: readonly StockMonth[]): { dates: string[]; returns: number[] } {
  // Grouped means in one pass over the records (a running sum and count per date, the same sum
  // order as descriptive.ts's mean of each date's returns), not one call per date.
  const acc = new Map<string, { s: number; n: number }>();
  for (const st of stocks) {
    if (!Number.isFinite(st.returnPct)) continue;
    const a = acc.get(st.date) ?? { s: 0, n: 0 };
    a.s += st.returnPct;
    a.n++;
    acc.set(st.date, a);
  }
  const dates = [...acc.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { dates, returns: dates.map((d) => acc.get(d)!.s / acc.get(d)!.n) };
}

/**
 * A `tiltSchedule` for `strategicIndex`: γ·scale_d for each decision date d of `decisionDates`,
 * the scale from `volatilityRegime` on the panel's market returns up to d. A decision date
 * without a market return is an error.
 */
export function regimeTiltSchedule(
  stocks: readonly StockMonth[],
  decisionDates: readonly string[],
  tiltStrength: number,
  opts: RegimeOptions = {},
): { schedule: Record<string, number>; regime: RegimePoint[] } {
  const m = panelMarketReturns(stocks);
  const regime = volatilityRegime(m.dates, m.returns, opts);
  const byDate = new Map(regime.map((p) => [p.date, p]));
  const schedule: Record<string, number> = {};
  for (const d of decisionDates) {
    const p = byDate.get(d);
    if (!p)
      throw new ArgumentError({
        where: "regimeTiltSchedule",
        argument: "decisionDates",
        value: d,
        problem: "has no market return in the panel",
      });
    schedule[d] = tiltStrength * p.scale;
  }
  return { schedule, regime: regime.filter((p) => decisionDates.includes(p.date)) };
}
