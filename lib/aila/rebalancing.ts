/**
 * Index weights (AiLA methodology, reference 003, "Index weights"): daily rebalancing caps by
 * time to expiry, asset caps for the Mid/Large Cap logic, target weights with the trade-balancing
 * period, and actual weights that move towards the target by at most the rebalancing cap per day.
 *
 * Time to expiry ttx(t) = number of the asset's business days d with t < d ≤ expiry of the
 * contract held on t (the first contract whose expiry is on or after t; 0 on the expiry day).
 * Rebalancing-cap bucket: ttx ≤ 22 → 1M, 23–66 → 1–3M, 67–132 → 3–6M, > 132 → 6M+.
 * Asset cap = m × rebalancing cap, m = 1 (Mid Cap logic) or 4 (Large Cap logic).
 * Target weight wT = wC, except 0 when ttx or the asset's business days to year end
 * (d with t < d ≤ Dec 31) are below 2 (Mid) / 7 (Large): the trade-balancing period.
 *
 * Actual weights (one step, computed after the close of day t for the assets trading on t):
 *   reb_i = wT_i − wA_i, clipped to [−rc_i, rc_i]             (rebalancing cap)
 *   new_i = wA_i + reb_i, cut to |new_i| ≤ ac_i               (asset cap; may trade more than rc)
 *   for every sector k with Σ_{i∈k}|new_i| > C_k: the new weights of the sector's trading assets
 *   are scaled down proportionally until the sector is at C_k (sector caps win over rebalancing
 *   caps; weights of assets on holiday cannot move and count as fixed)
 * The new weights are the instruction executed on the asset's next business day (t+1 lag); an
 * asset on holiday keeps its previous actual weight (holiday carry) and its instruction waits.
 * Weights are fractions of index value, caps too.
 */
import { dayNumber } from "../data/dates";
import { type CalendarId, isBusinessDay } from "./calendars";

export type CapLogic = "mid" | "large";
export const ASSET_CAP_MULTIPLE: Record<CapLogic, number> = { mid: 1, large: 4 };
export const TRADE_BALANCING_DAYS: Record<CapLogic, number> = { mid: 2, large: 7 };

/** Rebalancing-cap bucket of a time to expiry in business days: 0 (≤22), 1 (23–66), 2 (67–132), 3 (>132). */
export function expiryBucket(ttx: number): 0 | 1 | 2 | 3 {
  if (!(ttx >= 0)) throw new Error(`expiryBucket: time to expiry must be ≥ 0, got ${ttx}`);
  return ttx <= 22 ? 0 : ttx <= 66 ? 1 : ttx <= 132 ? 2 : 3;
}

/** Rebalancing cap for a time to expiry; `caps` = [≤1M, 1–3M, 3–6M, >6M]. */
export function rebalancingCap(ttx: number, caps: readonly number[]): number {
  return caps[expiryBucket(ttx)];
}

/** Business-day counter of one calendar: count(from, to) = #{business d : from < d ≤ to}. */
export function businessDayCounter(cal: CalendarId, firstIso: string, lastIso: string) {
  const d0 = dayNumber(firstIso) - 1;
  const d1 = dayNumber(lastIso);
  const cum = new Int32Array(d1 - d0 + 1);
  const cache = new Map<string, Set<number>>();
  for (let d = d0 + 1; d <= d1; d++) cum[d - d0] = cum[d - d0 - 1] + (isBusinessDay(cal, d, cache) ? 1 : 0);
  const at = (iso: string) => {
    const k = dayNumber(iso) - d0;
    if (k < 0 || k >= cum.length)
      throw new Error(`businessDayCounter(${cal}): ${iso} outside ${firstIso} … ${lastIso}`);
    return cum[k];
  };
  return (fromIso: string, toIso: string) => at(toIso) - at(fromIso);
}

/**
 * Time to expiry (business days of the asset's calendar) and business days to year end for each
 * date; `expiries` ascending. NaN when no contract expires on or after the date.
 *
 * Held contract: by default the first contract whose expiry is on or after the date (a fixed
 * contract, or a rolling one under the "flatten" policy, is held into its trade-balancing period
 * and goes flat there). With `rollDays` = n (a rolling contract under the "roll" policy) the
 * position rolls: the held contract is the first one with at least n business days to expiry, so
 * on the day the front contract enters its last n days the weight moves to the next contract
 * (roll day, `rolls[t] = 1`) and the expiry part of the trade-balancing rule never applies. When
 * no later contract exists the front one is kept (it then goes flat as before).
 */
export function expirySchedule(
  dates: readonly string[],
  expiries: readonly string[],
  cal: CalendarId,
  opts: { rollDays?: number } = {},
): { ttx: Float64Array; toYearEnd: Float64Array; contractExpiry: string[]; rolls: Uint8Array } {
  const last = expiries.at(-1) ?? dates.at(-1)!;
  const endIso =
    `${Number(dates.at(-1)!.slice(0, 4))}-12-31` > last ? `${Number(dates.at(-1)!.slice(0, 4))}-12-31` : last;
  const count = businessDayCounter(cal, dates[0], endIso);
  const ttx = new Float64Array(dates.length).fill(Number.NaN);
  const toYearEnd = new Float64Array(dates.length);
  const rolls = new Uint8Array(dates.length);
  const contractExpiry: string[] = [];
  const rollDays = opts.rollDays;
  let k = 0;
  for (let t = 0; t < dates.length; t++) {
    const d = dates[t];
    while (k < expiries.length && expiries[k] < d) k++;
    let h = k;
    if (rollDays !== undefined)
      while (h + 1 < expiries.length && h < expiries.length && count(d, expiries[h]) < rollDays) h++;
    contractExpiry.push(h < expiries.length ? expiries[h] : "");
    if (h < expiries.length) ttx[t] = count(d, expiries[h]);
    if (t > 0 && contractExpiry[t - 1] !== "" && contractExpiry[t] !== contractExpiry[t - 1]) rolls[t] = 1;
    toYearEnd[t] = count(d, `${d.slice(0, 4)}-12-31`);
  }
  return { ttx, toYearEnd, contractExpiry, rolls };
}

/** True inside the trade-balancing period (target weight forced to zero). */
export function inTradeBalancingPeriod(ttx: number, toYearEnd: number, logic: CapLogic): boolean {
  const n = TRADE_BALANCING_DAYS[logic];
  return !(ttx >= n) || toYearEnd < n;
}

export interface RebalanceStep {
  /** Current actual weights (fractions), all assets. */
  actual: ArrayLike<number>;
  /** Target weights wT. */
  target: ArrayLike<number>;
  /** Rebalancing cap per asset (≥ 0). */
  rebalancingCaps: ArrayLike<number>;
  /** Asset cap per asset (≥ 0). */
  assetCaps: ArrayLike<number>;
  /** Sector id per asset (≥ 0, or −1 for none) and the caps by sector id. */
  sector?: ArrayLike<number>;
  sectorCaps?: ArrayLike<number>;
  /** Which assets trade today (others get no instruction: their weight is left unchanged). */
  trading?: ArrayLike<boolean>;
}

/** New actual weights after one rebalancing step (see module comment). Never NaN. */
export function rebalanceStep(s: RebalanceStep): Float64Array {
  const n = s.actual.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wa = s.actual[i];
    const rc = s.rebalancingCaps[i];
    const ac = s.assetCaps[i];
    if (!(rc >= 0) || !(ac >= 0))
      throw new Error(`rebalanceStep: caps of asset #${i} must be ≥ 0 (rebalancing ${rc}, asset ${ac})`);
    if (Number.isNaN(wa) || Number.isNaN(s.target[i]))
      throw new Error(`rebalanceStep: NaN actual or target weight for asset #${i}`);
    if (s.trading && !s.trading[i]) {
      out[i] = wa;
      continue;
    }
    const diff = s.target[i] - wa;
    // within the cap the target is reached exactly (no rounding residue such as 0.003 − 0.003 ≠ 0)
    // (with a 1e-12 relative tolerance so that a move of exactly one cap does not leave dust)
    const w = Math.abs(diff) <= rc * (1 + 1e-12) ? s.target[i] : wa + Math.sign(diff) * rc;
    out[i] = Math.abs(w) > ac ? Math.sign(w) * ac : w;
  }
  if (s.sector && s.sectorCaps) {
    // gross of the sector split into trading (scalable) and non-trading (fixed) assets
    const tradingGross = new Map<number, number>();
    const fixedGross = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = s.sector[i];
      if (k < 0) continue;
      const m = s.trading && !s.trading[i] ? fixedGross : tradingGross;
      m.set(k, (m.get(k) ?? 0) + Math.abs(out[i]));
    }
    for (let i = 0; i < n; i++) {
      const k = s.sector[i];
      if (k < 0 || (s.trading && !s.trading[i])) continue;
      const cap = s.sectorCaps[k] ?? Number.POSITIVE_INFINITY;
      const g = tradingGross.get(k)!;
      const fixed = fixedGross.get(k) ?? 0;
      if (g + fixed > cap) out[i] *= Math.max(0, cap - fixed) / g;
    }
  }
  return out;
}

export interface ActualWeightPathInput {
  /** Target weights per day: targets[t][i]. */
  targets: readonly ArrayLike<number>[];
  /** trading[t][i]: asset i has a close on index day t. */
  trading: readonly ArrayLike<boolean>[];
  /** Rebalancing and asset caps per day: caps[t][i] (Infinity for none). */
  rebalancingCaps: readonly ArrayLike<number>[];
  assetCaps: readonly ArrayLike<number>[];
  sector?: ArrayLike<number>;
  sectorCaps?: ArrayLike<number>;
}

/**
 * Actual weights over time: wA_0 = 0; after the close of day t each asset trading on t gets the
 * instruction `rebalanceStep(wA_t → wT_t)`; on its next business day the instruction becomes its
 * actual weight (t+1 execution); on its holidays the previous actual weight carries and the
 * pending instruction waits. Returns wA[t][i].
 */
export function actualWeightPath(p: ActualWeightPathInput): Float64Array[] {
  const T = p.targets.length;
  const n = T > 0 ? p.targets[0].length : 0;
  const pending = new Float64Array(n);
  const out: Float64Array[] = [];
  let actual = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const trading = p.trading[t];
    if (t > 0) actual = Float64Array.from(actual, (w, i) => (trading[i] ? pending[i] : w));
    out.push(actual);
    const next = rebalanceStep({
      actual,
      target: p.targets[t],
      rebalancingCaps: p.rebalancingCaps[t],
      assetCaps: p.assetCaps[t],
      sector: p.sector,
      sectorCaps: p.sectorCaps,
      trading,
    });
    for (let i = 0; i < n; i++) if (trading[i]) pending[i] = next[i];
  }
  return out;
}
