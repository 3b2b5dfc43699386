/**
 * Historical Sharpe ratios of the assets' signal-following positions, for the Sharpe floor of the
 * constrained fit (AiLA methodology, reference 003, "Constrained weight fit": "historical asset
 * Sharpe ratio values").
 *
 * Position return of asset i on index day t: x_t,i = s_i(t−1) · r_t,i, where r is the asset's
 * simple return from its previous close (NaN on its holidays: no observation) and s_i(t−1) the
 * last signal known before t (a holiday signal NaN keeps the previous one; 0 before the first).
 * On day t the ratio uses the observations x_u,i with u ≤ t (knowable after the close of t):
 *   window = Infinity (default): all of them (expanding);  window = W: the last W observations.
 *   SR_t,i = mean(x) / sd(x) · √A      (sd with ddof 1, A = `annualisation`, default 252)
 * computed with Welford's update (expanding) or two passes over the window (rolling), so that no
 * E[x²] − m² cancellation occurs. NaN until `minHistory` observations (default 252) or when
 * sd = 0; the caller decides what a missing ratio means (aila-index.ts `sharpeWarmup`).
 *
 * Output orientation: sr[t][i] (day, asset), like the weights.
 */
import { ArgumentError } from "../validation";

export interface AssetSharpeOptions {
  /** Observations per ratio: Infinity (default) = expanding window. */
  window?: number;
  /** Observations before a ratio is reported (default 252). */
  minHistory?: number;
  /** Periods per year for annualisation (default 252 business days). */
  annualisation?: number;
}

/**
 * @param returns  returns[i][t] per asset (fraction; NaN = holiday)
 * @param signals  signals[i][t] per asset (±1, 0; NaN = holiday)
 */
export function signalSharpeRatios(
  returns: readonly ArrayLike<number>[],
  signals: readonly ArrayLike<number>[],
  opts: AssetSharpeOptions = {},
): Float64Array[] {
  const where = "signalSharpeRatios";
  const window = opts.window ?? Number.POSITIVE_INFINITY;
  const minHistory = opts.minHistory ?? 252;
  const A = opts.annualisation ?? 252;
  if (!(window >= 2))
    throw new ArgumentError({ where, argument: "window", value: window, problem: "must be ≥ 2 or Infinity" });
  if (!(minHistory >= 2 && Number.isFinite(minHistory)))
    throw new ArgumentError({
      where,
      argument: "minHistory",
      value: minHistory,
      problem: "must be a finite number ≥ 2",
    });
  if (!(A > 0 && Number.isFinite(A)))
    throw new ArgumentError({ where, argument: "annualisation", value: A, problem: "must be a positive number" });
  const n = returns.length;
  const T = n > 0 ? returns[0].length : 0;
  const rolling = Number.isFinite(window);
  const count = new Float64Array(n);
  const mean = new Float64Array(n);
  const m2 = new Float64Array(n);
  const lastSig = new Float64Array(n);
  const hist: number[][] = Array.from({ length: n }, () => []);
  const out: Float64Array[] = [];
  const root = Math.sqrt(A);
  for (let t = 0; t < T; t++) {
    const sr = new Float64Array(n).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      const r = returns[i][t];
      if (!Number.isNaN(r)) {
        const x = lastSig[i] * r;
        if (rolling) {
          hist[i].push(x);
          if (hist[i].length > window) hist[i].shift();
        } else {
          count[i]++;
          const d = x - mean[i];
          mean[i] += d / count[i];
          m2[i] += d * (x - mean[i]);
        }
      }
      const s = signals[i][t];
      if (!Number.isNaN(s)) lastSig[i] = s;
      let m: number;
      let sd: number;
      let k: number;
      if (rolling) {
        const h = hist[i];
        k = h.length;
        if (k < minHistory) continue;
        m = 0;
        for (const v of h) m += v;
        m /= k;
        let ss = 0;
        for (const v of h) ss += (v - m) * (v - m);
        sd = Math.sqrt(ss / (k - 1));
      } else {
        k = count[i];
        if (k < minHistory) continue;
        m = mean[i];
        sd = Math.sqrt(m2[i] / (k - 1));
      }
      if (sd > 0) sr[i] = (m / sd) * root;
    }
    out.push(sr);
  }
  return out;
}
