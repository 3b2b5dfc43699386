/**
 * Trading costs of a rebalance: half-spread plus square-root market impact, turnover, a no-trade
 * band, weight drift, and the implementation shortfall of an executed rebalance.
 *
 * Reference 000 ("bid-ask spreads and market impact ... implementation shortfall ... thresholds for
 * trading activity to avoid churning") and reference 002 ("implementation costs rise with the
 * square root of assets under management").
 *
 * Cost model for trading a value Q of asset i (currency), with half-spread s_i (fraction of price),
 * daily volatility σ_i (fraction), average daily traded value ADV_i (currency) and impact
 * coefficient Y (dimensionless, ≈ 1 in the empirical square-root law of Torre/Barra, Almgren et al.):
 *   cost_i = Q·s_i + Q·Y·σ_i·√(Q / ADV_i)
 * so the impact part grows like Q^{3/2}: doubling the assets under management multiplies the cost
 * rate (cost / Q) of the impact term by √2.
 *
 * Turnover here is ONE-WAY: ½ Σ_i |w_new,i − w_old,i| (a full switch between two disjoint
 * portfolios is 100%); the two-way traded value is twice that.
 */
import { checkVector, type Vec } from "../validation";

/** One-way turnover ½Σ|Δw| between two weight vectors (fractions; 1 = everything replaced). */
export function oneWayTurnover(from: Vec, to: Vec): number {
  const a = checkVector("oneWayTurnover", "from", from);
  const b = checkVector("oneWayTurnover", "to", to, a.length);
  return 0.5 * a.reduce((s, x, i) => s + Math.abs(b[i] - x), 0);
}

/**
 * Weights after one period of returns without trading: w_i(1+r_i) / Σ_j w_j(1+r_j).
 * Returns are fractions for the period; the result is aligned with the END of that period.
 */
export function driftWeights(weights: Vec, returns: Vec): number[] {
  const w = checkVector("driftWeights", "weights", weights);
  const r = checkVector("driftWeights", "returns", returns, w.length);
  const grown = w.map((x, i) => x * (1 + r[i]));
  const total = grown.reduce((s, x) => s + x, 0);
  if (!(total > 0)) throw new Error(`driftWeights: portfolio value after returns is ${total}`);
  return grown.map((x) => x / total);
}

export interface CostModel {
  /** Portfolio value (currency) that the weights apply to. */
  portfolioValue: number;
  /** Half bid-ask spread per asset, fraction of price (e.g. 0.0005 = 5 bps). */
  halfSpread: Vec;
  /** Daily return volatility per asset, fraction (e.g. 0.02). */
  dailyVolatility: Vec;
  /** Average daily traded value per asset, currency (same currency as portfolioValue). */
  adv: Vec;
  /** Square-root impact coefficient Y (default 1). */
  impactCoefficient?: number;
}

export interface TradeCost {
  /** |Δw_i|·portfolioValue. */
  tradeValue: number;
  /** tradeValue·s_i. */
  spreadCost: number;
  /** tradeValue·Y·σ_i·√(tradeValue/ADV_i). */
  impactCost: number;
  totalCost: number;
}

export interface RebalanceCost {
  assets: TradeCost[];
  /** One-way turnover ½Σ|Δw|. */
  turnover: number;
  /** Σ tradeValue (two-way traded value, currency). */
  tradedValue: number;
  spreadCost: number;
  impactCost: number;
  totalCost: number;
  /** totalCost / portfolioValue (fraction of the portfolio, e.g. 0.0012 = 12 bps). */
  costFraction: number;
}

/** Costs of moving from weights `from` to weights `to` under the half-spread + √-impact model. */
export function rebalanceCost(from: Vec, to: Vec, model: CostModel): RebalanceCost {
  const fn = "rebalanceCost";
  const a = checkVector(fn, "from", from);
  const b = checkVector(fn, "to", to, a.length);
  const n = a.length;
  const s = checkVector(fn, "halfSpread", model.halfSpread, n);
  const vol = checkVector(fn, "dailyVolatility", model.dailyVolatility, n);
  const adv = checkVector(fn, "adv", model.adv, n);
  const V = model.portfolioValue;
  const Y = model.impactCoefficient ?? 1;
  if (!(V > 0) || !Number.isFinite(V)) throw new Error(`${fn}: portfolioValue must be a positive number, got ${V}`);
  if (!(Y >= 0) || !Number.isFinite(Y)) throw new Error(`${fn}: impactCoefficient must be ≥ 0, got ${Y}`);
  for (let i = 0; i < n; i++) {
    if (s[i] < 0) throw new Error(`${fn}: halfSpread[${i}] = ${s[i]} is negative`);
    if (vol[i] < 0) throw new Error(`${fn}: dailyVolatility[${i}] = ${vol[i]} is negative`);
    if (!(adv[i] > 0)) throw new Error(`${fn}: adv[${i}] = ${adv[i]} must be > 0`);
  }
  const assets = a.map((x, i) => {
    const q = Math.abs(b[i] - x) * V;
    const spreadCost = q * s[i];
    const impactCost = q * Y * vol[i] * Math.sqrt(q / adv[i]);
    return { tradeValue: q, spreadCost, impactCost, totalCost: spreadCost + impactCost };
  });
  const tot = (k: keyof TradeCost) => assets.reduce((acc, t) => acc + t[k], 0);
  const totalCost = tot("totalCost");
  return {
    assets,
    turnover: oneWayTurnover(a, b),
    tradedValue: tot("tradeValue"),
    spreadCost: tot("spreadCost"),
    impactCost: tot("impactCost"),
    totalCost,
    costFraction: totalCost / V,
  };
}

export interface NoTradeDecision {
  /** Whether the rebalance is carried out. */
  trade: boolean;
  /** The weights held after the decision: `target` if trading, else `current`. */
  weights: number[];
  /** max_i |current_i − target_i|. */
  maxDrift: number;
}

/**
 * No-trade band: rebalance (fully, to `target`) only when some asset has drifted from its target
 * by more than `threshold` (absolute weight, e.g. 0.02 = 2 percentage points); otherwise keep the
 * current weights and trade nothing. A drift exactly equal to the threshold does not trade.
 */
export function applyNoTradeBand(current: Vec, target: Vec, threshold: number): NoTradeDecision {
  const c = checkVector("applyNoTradeBand", "current", current);
  const t = checkVector("applyNoTradeBand", "target", target, c.length);
  if (!(threshold >= 0) || !Number.isFinite(threshold)) {
    throw new Error(`applyNoTradeBand: threshold must be a finite number ≥ 0, got ${threshold}`);
  }
  const maxDrift = c.reduce((m, x, i) => Math.max(m, Math.abs(x - t[i])), 0);
  const trade = maxDrift > threshold;
  return { trade, weights: trade ? t : c, maxDrift };
}

/** One order of a rebalance, in shares (positive = buy, negative = sell). */
export interface ExecutedOrder {
  /** Intended (paper) quantity, signed. */
  quantity: number;
  /** Quantity actually filled, same sign as `quantity` and |filled| ≤ |quantity| (default: all). */
  filled?: number;
  /** Price when the decision was taken (the paper portfolio trades here at no cost). */
  decisionPrice: number;
  /** Average execution price of the filled quantity. */
  executionPrice: number;
  /** Price at the end of the horizon, to value the unfilled part (needed when filled ≠ quantity). */
  closePrice?: number;
  /** Explicit fees (commissions, taxes), currency. */
  fees?: number;
}

export interface ShortfallResult {
  /** Σ filled·(p_exec − p_dec): spread, impact and delay paid on what was traded. */
  executionCost: number;
  /** Σ (quantity − filled)·(p_close − p_dec): the missed move on what was not traded. */
  opportunityCost: number;
  fees: number;
  /** executionCost + opportunityCost + fees (currency; positive = worse than the paper portfolio). */
  total: number;
  /** Σ |quantity|·p_dec (currency). */
  paperNotional: number;
  /** total / paperNotional (fraction; ×1e4 for basis points). */
  shortfallFraction: number;
}

/**
 * Implementation shortfall (Perold 1988) of an executed rebalance: the paper portfolio trades every
 * order in full at the decision price; the real one pays the execution price on what it filled,
 * misses the move on the rest, and pays fees. Positive = cost.
 */
export function implementationShortfall(orders: readonly ExecutedOrder[]): ShortfallResult {
  const fn = "implementationShortfall";
  let exec = 0;
  let opp = 0;
  let fees = 0;
  let notional = 0;
  orders.forEach((o, i) => {
    const q = o.quantity;
    const f = o.filled ?? q;
    for (const [k, v] of [
      ["quantity", q],
      ["filled", f],
      ["decisionPrice", o.decisionPrice],
      ["executionPrice", o.executionPrice],
      ["fees", o.fees ?? 0],
    ] as const) {
      if (!Number.isFinite(v)) throw new Error(`${fn}: order ${i} ${k} is ${v}`);
    }
    if (!(o.decisionPrice > 0) || !(o.executionPrice > 0)) throw new Error(`${fn}: order ${i} prices must be > 0`);
    if (f * q < 0 || Math.abs(f) > Math.abs(q)) {
      throw new Error(`${fn}: order ${i} filled ${f} must have the sign of quantity ${q} and not exceed it`);
    }
    exec += f * (o.executionPrice - o.decisionPrice);
    if (f !== q) {
      if (o.closePrice === undefined || !(o.closePrice > 0)) {
        throw new Error(`${fn}: order ${i} is partly filled, closePrice is needed to value the unfilled part`);
      }
      opp += (q - f) * (o.closePrice - o.decisionPrice);
    }
    fees += o.fees ?? 0;
    notional += Math.abs(q) * o.decisionPrice;
  });
  const total = exec + opp + fees;
  return {
    executionCost: exec,
    opportunityCost: opp,
    fees,
    total,
    paperNotional: notional,
    shortfallFraction: notional > 0 ? total / notional : Number.NaN,
  };
}
