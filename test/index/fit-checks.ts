import type { ConstrainedFitProblem } from "../../lib/index/constrained-weights";

/** Largest violation of the ORIGINAL (non-homogenised) constraints, plus the sum and sign checks. */
export function violations(p: ConstrainedFitProblem, w: Float64Array, targetSum: number) {
  let cap = 0;
  let sign = 0;
  let sum = 0;
  for (let i = 0; i < w.length; i++) {
    cap = Math.max(cap, Math.abs(w[i]) - p.assetCaps[i]);
    if (w[i] !== 0 && Math.sign(w[i]) !== Math.sign(p.wU[i])) sign = Math.max(sign, Math.abs(w[i]));
    sum += Math.abs(w[i]);
  }
  let sector = 0;
  if (p.sector && p.sectorCaps) {
    const g = new Map<number, number>();
    for (let i = 0; i < w.length; i++) g.set(p.sector[i], (g.get(p.sector[i]) ?? 0) + Math.abs(w[i]));
    for (const [k, v] of g) if (k >= 0) sector = Math.max(sector, v - (p.sectorCaps[k] ?? Number.POSITIVE_INFINITY));
  }
  let sharpe = 0;
  if (p.sharpeFloor !== undefined && p.sharpe && sum > 0) {
    let num = 0;
    for (let i = 0; i < w.length; i++) num += Math.abs(w[i]) * Math.max(-5, Math.min(5, p.sharpe[i]));
    sharpe = Math.max(0, p.sharpeFloor - num / sum);
  }
  return { cap, sector, sharpe, sign, sum: Math.abs(sum - targetSum) };
}
