/**
 * Index level (AiLA methodology, reference 003, "Index wide aspects" and "Partial index
 * holidays"): units from actual weights and prices, daily PnL and index value.
 *
 *   P̃_t,i = P_t,i · FX_t,i            price in the index currency (USD) with the same day's fixing
 *   on an asset holiday (P NaN) P̃_t,i = P̃_{t−1},i: the asset's price cannot change, its PnL is 0
 *   PnL_t = Σ_i U_{t−1},i · (P̃_t,i − P̃_{t−1},i)
 *   I_t   = (I_{t−1} + PnL_t)·(1 − cost_t),  I_0 = `start`   (cost_t: optional trading cost of
 *                                     day t's trades as a fraction of the index value, default 0)
 *   U_t,i = wA_t,i · I_t / P̃_t,i     (units re-struck every index day, also for assets on holiday:
 *                                     when I changes their units change although their price did not)
 * wA_t is the actual weight effective at the close of t (fraction of index value). Costs only
 * when `opts.costs` is given; no collateral interest. A non-zero weight on an asset that has had no price yet is an error.
 *
 * Bad input is an `ArgumentError` (lib/validation.ts) naming the row — its date when `dates` is
 * given — and the asset column: a weight row with fewer or more entries than there are assets,
 * a NaN or ±Infinity weight, fewer FX series than assets.
 */
import { ArgumentError, checkLength } from "../validation";

export interface IndexLevel {
  level: Float64Array;
  pnl: Float64Array;
  /** units[t][i] */
  units: Float64Array[];
  /** Index-currency prices used (holidays carried). */
  price: Float64Array[];
}

/**
 * @param actual  actual weights per day: actual[t][i]
 * @param prices  local-currency closes per asset: prices[i][t] (NaN = holiday)
 * @param fx      index-currency value of one unit of the asset's currency: fx[i][t]
 * @param names   asset names (error messages only)
 * @param dates   date of each row of `actual` (error messages only)
 * @param opts.costs  cost_t per day (fraction of the index value, ≥ 0), e.g. from trading costs
 */
export function indexLevel(
  actual: readonly ArrayLike<number>[],
  prices: readonly ArrayLike<number>[],
  fx: readonly ArrayLike<number>[],
  start = 100,
  names?: readonly string[],
  dates?: readonly string[],
  opts: { costs?: ArrayLike<number> } = {},
): IndexLevel {
  const where = "indexLevel";
  const T = actual.length;
  const n = prices.length;
  checkLength("fx", fx, n, { where, lengthOf: "prices" });
  const rowName = (t: number) => (dates?.[t] !== undefined ? `row ${t}, ${dates[t]}` : `row ${t}`);
  const asset = (i: number) => `asset ${names?.[i] ?? `#${i}`}`;
  const level = new Float64Array(T);
  const pnl = new Float64Array(T);
  const units: Float64Array[] = [];
  const price: Float64Array[] = [];
  const last = new Float64Array(n).fill(Number.NaN);
  let I = start;
  for (let t = 0; t < T; t++) {
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const raw = prices[i][t];
      if (!Number.isNaN(raw)) {
        const f = fx[i][t];
        if (!(f > 0)) throw new Error(`indexLevel: FX fixing for asset ${names?.[i] ?? `#${i}`} at row ${t} is ${f}`);
        p[i] = raw * f;
      } else p[i] = last[i];
    }
    if (t > 0) {
      let s = 0;
      const u = units[t - 1];
      for (let i = 0; i < n; i++) if (u[i] !== 0) s += u[i] * (p[i] - last[i]);
      pnl[t] = s;
      I += s;
    }
    const c = opts.costs?.[t] ?? 0;
    if (!(c >= 0 && c < 1))
      throw new ArgumentError({
        where,
        argument: "costs",
        index: t,
        value: c,
        problem: `(${rowName(t)}) must be a cost in [0, 1) as a fraction of the index value`,
      });
    I *= 1 - c;
    const u = new Float64Array(n);
    const row = actual[t];
    if (row.length !== n) {
      const i = Math.min(row.length, n);
      throw new ArgumentError({
        where,
        argument: "actual",
        index: [t, i],
        value: row.length,
        problem: `(${rowName(t)}, ${asset(i)}) is ${row.length < n ? "missing" : "extra"}: the row has ${row.length} weights, prices has ${n} assets`,
      });
    }
    for (let i = 0; i < n; i++) {
      const w = row[i];
      if (typeof w !== "number" || !Number.isFinite(w))
        throw new ArgumentError({
          where,
          argument: "actual",
          index: [t, i],
          value: w,
          problem: `(${rowName(t)}, ${asset(i)}) is ${w}, expected a finite weight (fraction of the index value)`,
        });
      if (w === 0) continue;
      if (!(p[i] > 0))
        throw new Error(`indexLevel: asset ${names?.[i] ?? `#${i}`} has weight ${w} at row ${t} but no price yet`);
      u[i] = (w * I) / p[i];
    }
    units.push(u);
    price.push(p);
    level[t] = I;
    last.set(p);
  }
  return { level, pnl, units, price };
}
