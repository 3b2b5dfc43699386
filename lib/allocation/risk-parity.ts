/**
 * Risk parity (equal risk contribution) and, more generally, risk budgeting — long-only.
 *
 * Reference 000 ("risk parity principles ... each asset contributes equally to the overall
 * portfolio volatility"). Risk contribution of asset i: RC_i = w_i (Σw)_i, which sums to the
 * variance wᵀΣw (divide by σ_p = √(wᵀΣw) for contributions to volatility). Risk parity wants
 * RC_i / wᵀΣw = b_i with budgets b (equal: b_i = 1/n), w ≥ 0, Σw = 1.
 *
 * Method: the convex log-barrier formulation (Spinu 2013; Maillard, Roncalli & Teïletche 2010)
 *   minimise f(y) = ½ yᵀΣy − Σ_i b_i ln y_i  over y > 0,
 * whose unique minimiser satisfies y_i (Σy)_i = b_i for every i (the gradient Σy − b/y is 0), so
 * w = y / Σy has risk shares exactly b. Solved by Newton's method (Hessian Σ + diag(b/y²),
 * positive definite for y > 0; linear systems with ml-matrix's Cholesky) with a backtracking line
 * search that keeps y > 0. Converges quadratically; stops when max_i |y_i(Σy)_i − b_i| ≤ tol.
 *
 * Units: Σ in any consistent units (e.g. annual fractions²); weights are fractions summing to 1.
 * Needs positive variances; a singular Σ is fine as long as every asset has variance > 0. Σ must
 * be symmetric (relative 1e-10) and positive semi-definite (smallest eigenvalue ≥ −1e-10·max Σ_ii):
 * an indefinite Σ has no risk-parity portfolio in general (some w has wᵀΣw < 0) and is an
 * `ArgumentError` naming its smallest eigenvalue, with a hint.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { checkCovariance, checkVector, type Mat, type Vec } from "../validation";
import { dot, matVec } from "./linear-algebra";

/** Risk contributions w_i(Σw)_i (summing to wᵀΣw), their shares (summing to 1) and σ_p. */
export function riskContributions(
  weights: Vec,
  cov: Mat,
): { contributions: number[]; shares: number[]; volatility: number } {
  const w = checkVector("riskContributions", "weights", weights);
  const s = checkCovariance("riskContributions", "cov", cov, w.length);
  const sw = matVec(s, w);
  const c = w.map((x, i) => x * sw[i]);
  const v = dot(w, sw);
  if (!(v > 0)) throw new Error(`riskContributions: portfolio variance is ${v}, shares undefined`);
  return { contributions: c, shares: c.map((x) => x / v), volatility: Math.sqrt(v) };
}

export interface RiskParityOptions {
  /** Risk budgets b_i > 0 (normalised to sum 1); default equal 1/n. */
  budgets?: Vec;
  /**
   * Stop when max |y_i(Σy)_i − b_i| ≤ tol (default 1e-14), or, below 1e-11, when a Newton step
   * stops improving it (the round-off floor of large or ill-conditioned Σ).
   */
  tol?: number;
  /** Newton iteration limit (default 100). */
  maxIterations?: number;
}

export interface RiskParityResult {
  weights: number[];
  /** RC_i / wᵀΣw (equal to the budgets at convergence). */
  riskShares: number[];
  /** √(wᵀΣw). */
  volatility: number;
  iterations: number;
}

/** Long-only equal-risk-contribution (or risk-budget) weights; throws if Newton does not converge. */
export function riskParity(cov: Mat, options: RiskParityOptions = {}): RiskParityResult {
  const fn = "riskParity";
  const s = checkCovariance(fn, "cov", cov, undefined, { psd: true });
  const n = s.length;
  s.forEach((r, i) => {
    if (!(r[i] > 0)) throw new Error(`${fn}: cov[${i}][${i}] = ${r[i]}, every asset needs a positive variance`);
  });
  let b = options.budgets ? checkVector(fn, "budgets", options.budgets, n) : new Array<number>(n).fill(1 / n);
  b.forEach((x, i) => {
    if (!(x > 0)) throw new Error(`${fn}: budgets[${i}] = ${x}, budgets must be > 0`);
  });
  const bs = b.reduce((a, x) => a + x, 0);
  b = b.map((x) => x / bs);
  const tol = options.tol ?? 1e-14;
  const maxIt = options.maxIterations ?? 100;
  const f = (y: number[]) => 0.5 * dot(y, matVec(s, y)) - y.reduce((a, yi, i) => a + b[i] * Math.log(yi), 0);
  // Start from inverse-volatility weights scaled so that yᵀΣy = 1 (the optimum has yᵀΣy = Σb = 1).
  let y = s.map((r, i) => 1 / Math.sqrt(r[i]));
  const scale = Math.sqrt(dot(y, matVec(s, y)));
  y = y.map((x) => x / scale);
  let it = 0;
  let best = Number.POSITIVE_INFINITY;
  for (;;) {
    const sy = matVec(s, y);
    const resid = Math.max(...y.map((yi, i) => Math.abs(yi * sy[i] - b[i])));
    if (resid <= tol) break;
    // Round-off floor: once below 1e-11, stop as soon as a Newton step no longer improves.
    if (resid < 1e-11 && resid >= best) break;
    best = Math.min(best, resid);
    if (it >= maxIt) throw new Error(`${fn}: no convergence after ${maxIt} Newton steps (residual ${resid})`);
    it++;
    const g = y.map((yi, i) => sy[i] - b[i] / yi);
    const H = new Matrix(s.map((r, i) => r.map((x, j) => x + (i === j ? b[i] / (y[i] * y[i]) : 0))));
    const step = new CholeskyDecomposition(H).solve(Matrix.columnVector(g)).getColumn(0);
    // Backtracking: stay in y > 0 and decrease f (Armijo with c = 1e-4).
    let t = 1;
    for (let i = 0; i < n; i++) if (step[i] > 0) t = Math.min(t, (0.99 * y[i]) / step[i]);
    const f0 = f(y);
    const slope = -dot(g, step);
    let next = y.map((yi, i) => yi - t * step[i]);
    // Near the solution f's decrease falls below round-off: take the (positive) Newton step as is.
    while (resid > 1e-8 && f(next) > f0 + 1e-4 * t * slope && t > 1e-12) {
      t /= 2;
      next = y.map((yi, i) => yi - t * step[i]);
    }
    y = next;
  }
  const sum = y.reduce((a, x) => a + x, 0);
  const w = y.map((x) => x / sum);
  const rc = riskContributions(w, s);
  return { weights: w, riskShares: rc.shares, volatility: rc.volatility, iterations: it };
}

/** Inverse-volatility weights w_i ∝ 1/σ_i (risk parity when all correlations are equal). */
export function inverseVolatility(vols: Vec): number[] {
  const v = checkVector("inverseVolatility", "vols", vols);
  v.forEach((x, i) => {
    if (!(x > 0)) throw new Error(`inverseVolatility: vols[${i}] = ${x} must be > 0`);
  });
  const inv = v.map((x) => 1 / x);
  const sum = inv.reduce((a, x) => a + x, 0);
  return inv.map((x) => x / sum);
}
