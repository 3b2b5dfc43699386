/**
 * Effective number of assets N_eff from the block risk model (AiLA methodology, reference 003,
 * "N effective calculation").
 *
 * Risk model R: assets are put in groups (e.g. all WTI contracts, all zinc contracts); the
 * correlation is 1 between assets of the same group and 0 between groups. Signal vector S: for
 * every active asset 1 if long, −rLS if short (rLS = long/short ratio), 0 if flat. On the
 * risk-normalised positions (each active asset at unit volatility with sign and size S_i), the
 * portfolio variance is SᵀRS = Σ_groups (Σ_{i∈g} S_i)², and
 *
 *   N_eff = (Σ_i |S_i|)² / SᵀRS
 *
 * i.e. the number of independent equal-risk bets giving the same diversification: N assets in N
 * different groups → N; N assets of one group, all long → 1. Long and short positions inside one
 * group hedge each other and can make SᵀRS tiny or zero, so N_eff is capped at the number of
 * active assets (and equals it when SᵀRS = 0). N_eff = 0 when no asset is active.
 */

/** N_eff for one day. `signals` in {−1, 0, 1} (NaN counts as flat), `groups` any group labels. */
export function nEffective(signals: ArrayLike<number>, groups: ArrayLike<number | string>, rLS = 1): number {
  if (!(rLS > 0)) throw new Error(`nEffective: long/short ratio rLS must be > 0, got ${rLS}`);
  const byGroup = new Map<number | string, number>();
  let gross = 0;
  let active = 0;
  for (let i = 0; i < signals.length; i++) {
    const s = signals[i];
    if (!(s === 1 || s === -1)) continue;
    const x = s > 0 ? 1 : -rLS;
    gross += Math.abs(x);
    active++;
    byGroup.set(groups[i], (byGroup.get(groups[i]) ?? 0) + x);
  }
  if (active === 0) return 0;
  let variance = 0;
  for (const v of byGroup.values()) variance += v * v;
  if (variance <= 1e-12 * gross * gross) return active;
  return Math.min(active, (gross * gross) / variance);
}
