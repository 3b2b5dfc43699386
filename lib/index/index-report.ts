/**
 * Summaries of an AiLA run for the notebook: performance statistics of an index level, fit
 * status and binding-constraint counts, cap usage. Conventions (empyrical; README "References"): daily
 * simple returns, annualised with 252 days; Sharpe = mean/std (ddof 1)·√252 with zero risk-free
 * rate; CAGR = (I_end/I_0)^(252/days) − 1 over index days; max drawdown as a negative fraction.
 */
import type { AilaResult } from "./aila-index";

export interface LevelStatistics {
  cagr: number;
  volatility: number;
  sharpe: number;
  maxDrawdown: number;
  final: number;
}

/** Performance statistics of an index level series (fractions, annualised). */
export function levelStatistics(level: ArrayLike<number>): LevelStatistics {
  const n = level.length;
  if (n < 3) throw new Error(`levelStatistics: need at least 3 levels, got ${n}`);
  const r: number[] = [];
  for (let t = 1; t < n; t++) r.push(level[t] / level[t - 1] - 1);
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1));
  let peak = level[0];
  let mdd = 0;
  for (let t = 0; t < n; t++) {
    peak = Math.max(peak, level[t]);
    mdd = Math.min(mdd, level[t] / peak - 1);
  }
  return {
    cagr: (level[n - 1] / level[0]) ** (252 / (n - 1)) - 1,
    volatility: sd * Math.sqrt(252),
    sharpe: sd > 0 ? (m / sd) * Math.sqrt(252) : Number.NaN,
    maxDrawdown: mdd,
    final: level[n - 1],
  };
}

/** Number of days per fit status. */
export function fitStatusCounts(r: AilaResult): Record<string, number> {
  const out: Record<string, number> = { fit: 0, scaled: 0, "too-few-assets": 0, infeasible: 0 };
  for (const f of r.fits) out[f.status]++;
  return out;
}

/** Number of days on which each kind of constraint binds in the fit (cap, sector:NAME, sharpe-floor, …). */
export function bindingCounts(r: AilaResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of r.fits) {
    const kinds = new Set(f.binding.map((b) => (b.startsWith("cap:") ? "asset cap (any)" : b)));
    for (const k of kinds) out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/**
 * Cap usage per day: share of assets with a non-zero constrained weight that sit at their asset
 * cap (|wC| ≥ cap − 1e-9), and for each sector the gross actual weight divided by its cap.
 */
export function capUsage(r: AilaResult): { atAssetCap: Float64Array; sector: Float64Array[] } {
  const T = r.dates.length;
  const atAssetCap = new Float64Array(T);
  const sector = r.sectorNames.map(() => new Float64Array(T));
  for (let t = 0; t < T; t++) {
    let active = 0;
    let at = 0;
    for (let i = 0; i < r.ids.length; i++) {
      const w = Math.abs(r.wC[t][i]);
      if (w > 0) {
        active++;
        if (w >= r.assetCaps[t][i] - 1e-9) at++;
      }
      sector[r.sector[i]][t] += Math.abs(r.wA[t][i]) / r.sectorCaps[r.sector[i]];
    }
    atAssetCap[t] = active > 0 ? at / active : 0;
  }
  return { atAssetCap, sector };
}

/** Round to a fixed number of decimals (for compact, stable chart data). */
export function roundTo(xs: ArrayLike<number>, decimals: number): number[] {
  const f = 10 ** decimals;
  return Array.from(xs, (x) => Math.round(x * f) / f);
}

/** Pick the values of a daily series at the given indices. */
export function pick<T>(xs: ArrayLike<T>, idx: readonly number[]): T[] {
  return idx.map((k) => xs[k]);
}

/** Sum of a daily series within each ISO week, labelled by the week's last index day. */
export function weeklySums(values: ArrayLike<number>, dates: readonly string[]): { dates: string[]; values: number[] } {
  const week = (d: string) =>
    Math.floor((Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000 + 3) / 7);
  const outD: string[] = [];
  const outV: number[] = [];
  let acc = 0;
  for (let t = 0; t < dates.length; t++) {
    acc += values[t];
    if (t === dates.length - 1 || week(dates[t + 1]) !== week(dates[t])) {
      outD.push(dates[t]);
      outV.push(acc);
      acc = 0;
    }
  }
  return { dates: outD, values: outV };
}
