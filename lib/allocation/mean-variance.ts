/**
 * Mean-variance allocation under full investment, no shorting and optional per-asset and group
 * bounds; the efficient frontier; the team of funds with the highest information ratio at a target
 * alpha.
 *
 * Problem (reference 002: "mean-variance optimisation with no-short / full-investment constraints
 * and a risk-aversion penalty"): maximise μᵀw − λ·wᵀΣw subject to Σ_i w_i = 1, lo_i ≤ w_i ≤ hi_i
 * (lo = 0 by default: no shorting) and glo_g ≤ Σ_{i∈g} w_i ≤ ghi_g for each group g.
 *
 * Solver: the Goldfarb–Idnani dual active-set method of the npm package `quadprog` (a port of R's
 * `quadprog::solve.QP`), which minimises ½wᵀDw − dᵀw subject to Aᵀw ≥ b with the first `meq`
 * constraints as equalities. Here D = 2λΣ and d = μ. The method needs D positive definite: a
 * singular Σ (e.g. two identical funds, or fewer observations than assets) is rejected with an
 * error unless the caller passes `ridge` > 0, which solves with Σ + ridge·I instead (documented
 * bias of ridge·‖w‖² in the variance; 1e-10·trace(Σ)/n is a sensible tiny value). The solution is
 * verified after solving (constraints within 1e-9) so a solver failure never passes silently.
 *
 * Units: μ and Σ in the same period and units (e.g. annual fractions); λ is in 1/(return units).
 * Inputs must be finite (no NaN).
 */
import { CholeskyDecomposition, Matrix, solve as mlSolve, SingularValueDecomposition } from "ml-matrix";
import { solveQP } from "../quadprog";
import { checkCovariance, checkVector, type Mat, type Vec } from "../validation";
import { dot, matVec } from "./linear-algebra";

/** A group (e.g. "small & micro caps" or a sector) whose total weight is bounded. */
export interface GroupBound {
  name: string;
  /** Indices of the assets in the group. */
  members: readonly number[];
  /** Lower bound on the group's total weight (default 0). */
  min?: number;
  /** Upper bound on the group's total weight (default 1). */
  max?: number;
}

export interface AllocationConstraints {
  /** Per-asset lower bounds (default 0 = no shorting). */
  lower?: Vec;
  /** Per-asset upper bounds (default 1). */
  upper?: Vec;
  groups?: readonly GroupBound[];
  /** Ridge added to Σ's diagonal when Σ is singular (default 0 = reject a singular Σ). */
  ridge?: number;
}

export interface MeanVarianceResult {
  weights: number[];
  /** μᵀw. */
  expectedReturn: number;
  /** √(wᵀΣw) (with the unridged Σ). */
  risk: number;
  /** μᵀw − λ·wᵀΣw (for the frontier functions: NaN). */
  utility: number;
}

interface LinearConstraint {
  coef: number[];
  rhs: number;
  label: string;
}

interface Prepared {
  n: number;
  cov: number[][];
  lower: number[];
  upper: number[];
  ineq: LinearConstraint[];
  ridge: number;
}

function prepare(fn: string, n: number, cov: Mat, c: AllocationConstraints): Prepared {
  const s = checkCovariance(fn, "cov", cov, n);
  const lower = c.lower ? checkVector(fn, "lower", c.lower, n) : new Array<number>(n).fill(0);
  const upper = c.upper ? checkVector(fn, "upper", c.upper, n) : new Array<number>(n).fill(1);
  const ridge = c.ridge ?? 0;
  if (!Number.isFinite(ridge) || ridge < 0) throw new Error(`${fn}: ridge must be a finite number ≥ 0, got ${ridge}`);
  const ineq: LinearConstraint[] = [];
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) throw new Error(`${fn}: lower[${i}] = ${lower[i]} exceeds upper[${i}] = ${upper[i]}`);
    const e = new Array<number>(n).fill(0);
    e[i] = 1;
    ineq.push({ coef: e, rhs: lower[i], label: `lower[${i}]` });
    ineq.push({ coef: e.map((x) => -x), rhs: -upper[i], label: `upper[${i}]` });
  }
  const sumLo = lower.reduce((a, b) => a + b, 0);
  const sumHi = upper.reduce((a, b) => a + b, 0);
  if (sumLo > 1 + 1e-12 || sumHi < 1 - 1e-12) {
    throw new Error(
      `${fn}: infeasible bounds, Σlower = ${sumLo} and Σupper = ${sumHi} cannot bracket full investment 1`,
    );
  }
  for (const g of c.groups ?? []) {
    const e = new Array<number>(n).fill(0);
    if (g.members.length === 0) throw new Error(`${fn}: group "${g.name}" has no members`);
    for (const m of g.members) {
      if (!Number.isInteger(m) || m < 0 || m >= n)
        throw new Error(`${fn}: group "${g.name}" member ${m} is not an asset index`);
      e[m] = 1;
    }
    const lo = g.min ?? 0;
    const hi = g.max ?? 1;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      throw new Error(`${fn}: group "${g.name}" has invalid bounds [${lo}, ${hi}]`);
    }
    ineq.push({ coef: e, rhs: lo, label: `group "${g.name}" min` });
    ineq.push({ coef: e.map((x) => -x), rhs: -hi, label: `group "${g.name}" max` });
  }
  return { n, cov: s, lower, upper, ineq, ridge };
}

/** min ½wᵀDw − dᵀw s.t. eq (equalities) and p.ineq (≥), through quadprog; verified afterwards. */
function solve(fn: string, p: Prepared, D: number[][], d: number[], eq: LinearConstraint[]): number[] {
  const n = p.n;
  const chol = new CholeskyDecomposition(new Matrix(D));
  if (!chol.isPositiveDefinite()) {
    throw new Error(
      `${fn}: the quadratic term is not positive definite (singular covariance or risk aversion 0); ` +
        "pass constraints.ridge > 0 (e.g. 1e-10·trace(Σ)/n) to regularise it",
    );
  }
  const all = [...eq, ...p.ineq];
  const D1: number[][] = [[]];
  const d1: number[] = [0];
  const A1: number[][] = [[]];
  for (let i = 0; i < n; i++) {
    D1.push([0, ...D[i]]);
    d1.push(d[i]);
    A1.push([0, ...all.map((c) => c.coef[i])]);
  }
  const b1 = [0, ...all.map((c) => c.rhs)];
  const res = solveQP(D1, d1, A1, b1, eq.length);
  if (res.message || !res.solution) {
    throw new Error(`${fn}: infeasible constraints (quadprog: ${res.message || "no solution"})`);
  }
  const w = res.solution.slice(1, n + 1);
  for (const c of all) {
    const lhs = dot(c.coef, w);
    const isEq = eq.includes(c);
    if ((isEq && Math.abs(lhs - c.rhs) > 1e-9) || (!isEq && lhs < c.rhs - 1e-9)) {
      throw new Error(`${fn}: solver returned a point violating ${c.label} (${lhs} vs ${c.rhs})`);
    }
  }
  // Clip round-off at the bounds (≤ 1e-9 by the check above) so weights are exactly feasible.
  return w.map((x, i) => Math.min(p.upper[i], Math.max(p.lower[i], x)));
}

function ridged(p: Prepared, scale: number): number[][] {
  return p.cov.map((r, i) => r.map((x, j) => scale * (x + (i === j ? p.ridge : 0))));
}

function result(p: Prepared, mu: number[], w: number[], lambda: number): MeanVarianceResult {
  const variance = dot(w, matVec(p.cov, w));
  const er = dot(mu, w);
  return { weights: w, expectedReturn: er, risk: Math.sqrt(Math.max(variance, 0)), utility: er - lambda * variance };
}

const fullInvestment = (n: number): LinearConstraint => ({
  coef: new Array<number>(n).fill(1),
  rhs: 1,
  label: "full investment Σw = 1",
});

/**
 * Mean-variance weights: maximise μᵀw − λ·wᵀΣw with Σw = 1 and the bounds.
 * @param mu expected returns (e.g. annual fractions). @param cov covariance in the same units.
 * @param lambda risk aversion λ > 0 (larger λ → less risk).
 */
export function meanVariance(
  mu: Vec,
  cov: Mat,
  lambda: number,
  constraints: AllocationConstraints = {},
): MeanVarianceResult {
  const fn = "meanVariance";
  const m = checkVector(fn, "mu", mu);
  if (!Number.isFinite(lambda) || lambda <= 0) throw new Error(`${fn}: risk aversion λ must be > 0, got ${lambda}`);
  const p = prepare(fn, m.length, cov, constraints);
  const w = solve(fn, p, ridged(p, 2 * lambda), m, [fullInvestment(p.n)]);
  return result(p, m, w, lambda);
}

/**
 * Minimum-variance weights with an expected return of exactly `target` (or the global minimum
 * variance when `target` is undefined), under full investment and the bounds.
 */
export function minimumVariance(
  mu: Vec,
  cov: Mat,
  target?: number,
  constraints: AllocationConstraints = {},
): MeanVarianceResult {
  const fn = "minimumVariance";
  const m = checkVector(fn, "mu", mu);
  const p = prepare(fn, m.length, cov, constraints);
  const eq = [fullInvestment(p.n)];
  if (target !== undefined) {
    if (!Number.isFinite(target)) throw new Error(`${fn}: target must be finite, got ${target}`);
    eq.push({ coef: m, rhs: target, label: `target return μᵀw = ${target}` });
  }
  const w = solve(fn, p, ridged(p, 2), new Array<number>(p.n).fill(0), eq);
  return { ...result(p, m, w, 0), utility: Number.NaN };
}

/**
 * The highest expected return attainable under the constraints (a linear programme), found in two
 * steps: proximal-point iterations w_{k+1} = argmax μᵀw − λ(w − w_k)ᵀΣ(w − w_k) with a small but
 * well-conditioned λ = 1e-2·max|μ|/max Σ_ii (each a quadprog QP; stops when a step moves < 1e-13
 * or after 500 steps), then "polished" to the exact vertex by solving the constraints active there (slack ≤ 1e-7) as
 * equalities (least squares with ml-matrix); the polished point is kept only if it is feasible
 * within 1e-12 and returns as much (within 1e-9·max|μ|: the QP point may overshoot a bound by
 * round-off). Exact when the maximum is a unique vertex (no ties in
 * μ among the assets that decide it); otherwise the last proximal iterate (feasible, a maximiser up to the iteration tolerance).
 */
export function maximumReturn(mu: Vec, cov: Mat, constraints: AllocationConstraints = {}): MeanVarianceResult {
  const fn = "maximumReturn";
  const m = checkVector(fn, "mu", mu);
  const p = prepare(fn, m.length, cov, constraints);
  const scaleMu = Math.max(...m.map(Math.abs), 1e-12);
  const scaleS = Math.max(...p.cov.map((r, i) => r[i]), 1e-300);
  // Proximal-point iterations w_{k+1} = argmax μᵀw − λ(w − w_k)ᵀΣ(w − w_k): each step a
  // well-conditioned QP, converging to a maximiser of the linear programme (finitely for polyhedral
  // feasible sets); then the vertex polish below removes the remaining round-off.
  const lambda = (1e-2 * scaleMu) / scaleS;
  const D = ridged(p, 2 * lambda);
  let qp = solve(fn, p, D, m, [fullInvestment(p.n)]);
  for (let k = 0; k < 500; k++) {
    const dk = matVec(D, qp).map((x, i) => x + m[i]);
    const next = solve(fn, p, D, dk, [fullInvestment(p.n)]);
    const step = Math.max(...next.map((x, i) => Math.abs(x - qp[i])));
    qp = next;
    if (step <= 1e-13) break;
  }
  const active = [fullInvestment(p.n), ...p.ineq.filter((c) => Math.abs(dot(c.coef, qp) - c.rhs) <= 1e-7)];
  let w = qp;
  if (active.length >= p.n) {
    const A = new Matrix(active.map((c) => c.coef));
    const b = Matrix.columnVector(active.map((c) => c.rhs));
    const rank = new SingularValueDecomposition(A).rank;
    if (rank === p.n) {
      const v = mlSolve(A, b).getColumn(0);
      const ok =
        active.every((c) => Math.abs(dot(c.coef, v) - c.rhs) <= 1e-12) &&
        p.ineq.every((c) => dot(c.coef, v) >= c.rhs - 1e-12) &&
        dot(m, v) >= dot(m, qp) - 1e-9 * scaleMu;
      if (ok) w = v.map((x, i) => Math.min(p.upper[i], Math.max(p.lower[i], x)));
    }
  }
  return { ...result(p, m, w, 0), utility: Number.NaN };
}

/**
 * Efficient frontier: `points` minimum-variance portfolios at target returns evenly spaced from the
 * global-minimum-variance portfolio's return to the maximum attainable return (`maximumReturn`).
 * The first point is the global-minimum-variance portfolio, the last the maximum-return one.
 */
export function efficientFrontier(
  mu: Vec,
  cov: Mat,
  points = 20,
  constraints: AllocationConstraints = {},
): MeanVarianceResult[] {
  if (!Number.isInteger(points) || points < 2) throw new Error(`efficientFrontier: points must be an integer ≥ 2`);
  const gmv = minimumVariance(mu, cov, undefined, constraints);
  const top = maximumReturn(mu, cov, constraints);
  const lo = gmv.expectedReturn;
  const hi = top.expectedReturn;
  const out: MeanVarianceResult[] = [gmv];
  for (let k = 1; k < points - 1; k++)
    out.push(minimumVariance(mu, cov, lo + ((hi - lo) * k) / (points - 1), constraints));
  // The top end is the maximum-return portfolio itself (a vertex: the only feasible point at that return).
  out.push(hi - lo > 1e-12 * Math.max(1, Math.abs(hi)) ? top : gmv);
  return out;
}

export interface TargetAlphaSelection extends MeanVarianceResult {
  /** expectedReturn / risk: the information ratio of the team at the target alpha. */
  informationRatio: number;
  /** Indices of the funds with weight > 1e-10 (the selected team). */
  selected: number[];
}

/**
 * The team of funds with the highest information ratio at a target alpha: among fully invested,
 * long-only combinations whose alpha equals `targetAlpha`, the one with the lowest tracking error
 * √(wᵀΣ_α w) (IR = target / TE is then maximal). Funds with zero weight are not selected.
 * @param alphas expected alpha of each fund; @param alphaCov covariance of the funds' alphas
 * (same units, e.g. annual fractions); throws if the target is not attainable.
 */
export function maxInformationRatioAtTargetAlpha(
  alphas: Vec,
  alphaCov: Mat,
  targetAlpha: number,
  constraints: AllocationConstraints = {},
): TargetAlphaSelection {
  const r = minimumVariance(alphas, alphaCov, targetAlpha, constraints);
  return {
    ...r,
    informationRatio: r.risk > 0 ? r.expectedReturn / r.risk : Number.NaN,
    selected: r.weights.flatMap((w, i) => (w > 1e-10 ? [i] : [])),
  };
}

/**
 * Expected return μᵀw, risk √(wᵀΣw) and Sharpe ratio (μᵀw − riskFree)/risk of given weights.
 * Σ must be a covariance: symmetric (relative 1e-10) and positive semi-definite (smallest
 * eigenvalue ≥ −1e-10·max Σ_ii); an indefinite Σ, for which some wᵀΣw < 0 and the risk would be
 * meaningless, is an `ArgumentError` naming its smallest eigenvalue. A wᵀΣw that is negative by
 * rounding only (within that tolerance) gives risk 0.
 */
export function portfolioSummary(
  weights: Vec,
  mu: Vec,
  cov: Mat,
  riskFree = 0,
): { expectedReturn: number; risk: number; sharpe: number } {
  const fn = "portfolioSummary";
  const w = checkVector(fn, "weights", weights);
  const m = checkVector(fn, "mu", mu, w.length);
  const s = checkCovariance(fn, "cov", cov, w.length, { psd: true });
  const er = dot(m, w);
  const risk = Math.sqrt(Math.max(dot(w, matVec(s, w)), 0));
  return { expectedReturn: er, risk, sharpe: risk > 0 ? (er - riskFree) / risk : Number.NaN };
}
