/**
 * Equal-contribution allocation of a team of funds: weights whose shares of the team's active
 * return and of its active risk are as close to 1/n each as the constraints allow (reference 002:
 * the goal of a micro-allocation is that every holding contributes equally to return and to risk).
 *
 * ## Why a compromise
 * With fund weights w (long-only, fully invested), alphas α and alpha covariance Σ:
 *   return share  p_i(w) = w_i α_i / (αᵀw),
 *   risk share    q_i(w) = w_i (Σw)_i / (wᵀΣw)   (Euler shares of the tracking error, sum to 1).
 * p_i = 1/n for all i forces w ∝ 1/α; q_i = 1/n for all i is risk parity. Both hold together only
 * in special cases (e.g. uncorrelated or equicorrelated funds with equal information ratios, where
 * w ∝ 1/α ∝ 1/TE). In general the two goals conflict, so this module minimises a weighted sum of
 * squared deviations — a documented two-objective compromise:
 *   F(w) = (1 − η) Σ_i (p_i − 1/n)² + η Σ_i (q_i − 1/n)²,   η = `riskWeight` in [0, 1] (default ½),
 * over {w : lower_i ≤ w_i ≤ upper_i, Σ w_i = 1}. η = 1 is risk parity (within the bounds), η = 0
 * return parity. The efficiency of reference 002, e_i = p_i − q_i, satisfies
 * Σ e_i² ≤ 2 Σ[(p_i − 1/n)² + (q_i − 1/n)²] = 4F (η = ½), so a small F means small efficiencies.
 *
 * ## Solver and certificate
 * Projected gradient descent on the bounded simplex with Barzilai–Borwein steps and an Armijo
 * backtracking line search (monotone), analytic gradient
 *   ∂p_i/∂w_j = δ_ij α_i/R − p_i α_j/R,
 *   ∂q_i/∂w_j = [δ_ij (Σw)_i + w_i Σ_ij]/V − 2 q_i (Σw)_j/V,   R = αᵀw, V = wᵀΣw,
 * projection onto the bounded simplex by bisection on the shift τ of w_i = clip(v_i − τ, l_i, u_i).
 * It is started from three deterministic points (equal weights, risk parity-like 1/TE, return
 * parity 1/α, each projected) and the run with the lowest F is kept. Convergence certificate:
 *   - `stationarity` = ‖w − Π(w − ∇F(w))‖_∞, the first-order (KKT) residual of the bounded
 *     problem: 0 exactly at a stationary point; the run stops when it is ≤ `tolerance`;
 *   - `objective` = F(w) ≥ 0: when it is ≤ `tolerance`² the contributions are equal within
 *     about `tolerance` and the point is a GLOBAL minimum (F cannot be negative);
 *   - `converged` = stationarity ≤ tolerance. F is not convex: when the equal split is infeasible
 *     the certificate is first-order (a stationary point, the best of three starts), not global.
 *
 * Units: α and Σ in any consistent units (e.g. annual fractions, as `estimateActiveRisk` gives);
 * shares and efficiencies are fractions (×100 for percent). Inputs must be finite; every alpha must
 * be > 0 (a fund with a non-positive alpha cannot contribute a positive share of a positive team
 * alpha — drop it first); Σ must be positive semi-definite with TE > 0 on the feasible set.
 * Deterministic (no randomness).
 */
import { ArgumentError, checkCovariance, checkVector, type Mat, type Vec } from "../validation";
import { dot, matVec } from "./linear-algebra";

export interface EqualContributionOptions {
  /** η: weight of the risk-share deviations (1 − η on the return shares); default 0.5. */
  riskWeight?: number;
  /** Lower bound per fund (default 0). */
  lower?: Vec;
  /** Upper bound per fund (default 1). */
  upper?: Vec;
  /** Stationarity tolerance (default 1e-8; the attainable precision of w is about √ε·scale ≈ 1e-9). */
  tolerance?: number;
  /** Iteration limit per start (default 20000). */
  maxIterations?: number;
  /**
   * Funds with α ≤ 0: "error" (default) throws; "exclude" gives them weight 0 and solves over the
   * others (n = the number of funds kept; their lower bounds are ignored). Listed in `excluded`.
   */
  nonPositiveAlphas?: "error" | "exclude";
}

export interface EqualContributionResult {
  weights: number[];
  /** Return shares p_i (sum to 1). */
  returnShares: number[];
  /** Risk shares q_i (sum to 1). */
  riskShares: number[];
  /** Efficiencies p_i − q_i. */
  efficiencies: number[];
  /** αᵀw and √(wᵀΣw). */
  expectedAlpha: number;
  trackingError: number;
  informationRatio: number;
  /** F(w) at the solution. */
  objective: number;
  /** ‖w − Π(w − ∇F)‖_∞ at the solution (first-order certificate). */
  stationarity: number;
  converged: boolean;
  /** Iterations of the kept run, and which start it came from. */
  iterations: number;
  start: "equal" | "inverse-te" | "inverse-alpha";
  /** True when F ≤ tolerance²: shares equal within ≈ tolerance, a global optimum. */
  equalized: boolean;
  /** Indices of the funds left out for a non-positive alpha (option nonPositiveAlphas "exclude"). */
  excluded: number[];
}

/** Projection of v onto {l ≤ w ≤ u, Σw = 1} (bisection on the shift; 200 halvings). */
export function projectBoundedSimplex(
  v: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number[] {
  const n = v.length;
  const sum = (t: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.min(upper[i], Math.max(lower[i], v[i] - t));
    return s;
  };
  let lo = Math.min(...v.map((x, i) => x - upper[i])) - 1;
  let hi = Math.max(...v.map((x, i) => x - lower[i])) + 1;
  for (let k = 0; k < 200 && hi - lo > 0; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (sum(mid) > 1) lo = mid;
    else hi = mid;
  }
  const t = 0.5 * (lo + hi);
  const w = v.map((x, i) => Math.min(upper[i], Math.max(lower[i], x - t)));
  // put the bisection's last round-off on the largest free coordinate
  const err = 1 - w.reduce((a, x) => a + x, 0);
  let k = -1;
  for (let i = 0; i < n; i++) if (w[i] + err >= lower[i] && w[i] + err <= upper[i] && (k < 0 || w[i] > w[k])) k = i;
  if (k >= 0) w[k] += err;
  return w;
}

interface Eval {
  f: number;
  g: number[];
  p: number[];
  q: number[];
  R: number;
  V: number;
}

function evaluate(w: readonly number[], alpha: readonly number[], cov: readonly number[][], eta: number): Eval {
  const n = w.length;
  const sw = matVec(cov, w);
  const R = dot(alpha, w);
  const V = dot(w, sw);
  const p = w.map((x, i) => (x * alpha[i]) / R);
  const q = w.map((x, i) => (x * sw[i]) / V);
  const dp = p.map((x) => x - 1 / n);
  const dq = q.map((x) => x - 1 / n);
  const f = (1 - eta) * dot(dp, dp) + eta * dot(dq, dq);
  // ∇F_j = 2(1−η) Σ_i dp_i ∂p_i/∂w_j + 2η Σ_i dq_i ∂q_i/∂w_j
  const sdp = dot(dp, p);
  const sdq = dot(dq, q);
  const wdq = w.map((x, i) => x * dq[i]);
  const cwdq = matVec(cov, wdq);
  const g = w.map((_, j) => {
    const gp = (dp[j] * alpha[j]) / R - (sdp * alpha[j]) / R;
    const gq = (dq[j] * sw[j] + cwdq[j]) / V - (2 * sdq * sw[j]) / V;
    return 2 * (1 - eta) * gp + 2 * eta * gq;
  });
  return { f, g, p, q, R, V };
}

/**
 * Equal-contribution team weights (method, objective, solver and certificate in the module
 * comment). `alphas` and `cov` in consistent units (e.g. annual fractions).
 */
export function equalContributionAllocation(
  alphas: Vec,
  cov: Mat,
  options: EqualContributionOptions = {},
): EqualContributionResult {
  const fn = "equalContributionAllocation";
  const a = checkVector(fn, "alphas", alphas);
  const n = a.length;
  if (n < 1) throw new ArgumentError({ where: fn, argument: "alphas", problem: "is empty" });
  const s = checkCovariance(fn, "cov", cov, n, { psd: true });
  if (options.nonPositiveAlphas === "exclude" && a.some((x) => !(x > 0))) {
    const keep = a.map((_, i) => i).filter((i) => a[i] > 0);
    const excluded = a.map((_, i) => i).filter((i) => !(a[i] > 0));
    if (keep.length === 0)
      throw new ArgumentError({ where: fn, argument: "alphas", problem: "has no positive alpha to allocate to" });
    const pick = <T>(x: readonly T[]) => keep.map((i) => x[i]);
    const sub = equalContributionAllocation(
      pick(a),
      keep.map((i) => keep.map((j) => s[i][j])),
      {
        ...options,
        nonPositiveAlphas: "error",
        lower: options.lower ? pick(checkVector(fn, "lower", options.lower, n)) : undefined,
        upper: options.upper ? pick(checkVector(fn, "upper", options.upper, n)) : undefined,
      },
    );
    const expand = (x: readonly number[]) => {
      const out = a.map(() => 0);
      keep.forEach((i, k) => {
        out[i] = x[k];
      });
      return out;
    };
    return {
      ...sub,
      weights: expand(sub.weights),
      returnShares: expand(sub.returnShares),
      riskShares: expand(sub.riskShares),
      efficiencies: expand(sub.efficiencies),
      excluded,
    };
  }
  a.forEach((x, i) => {
    if (!(x > 0))
      throw new ArgumentError({
        where: fn,
        argument: "alphas",
        index: i,
        value: x,
        problem: `is ${x}, expected > 0`,
        hint: "a fund with a non-positive alpha cannot bring an equal share of a positive team alpha; drop it",
      });
  });
  const eta = options.riskWeight ?? 0.5;
  if (!(eta >= 0 && eta <= 1))
    throw new ArgumentError({ where: fn, argument: "riskWeight", value: eta, problem: `is ${eta}, expected [0, 1]` });
  const lower = options.lower ? checkVector(fn, "lower", options.lower, n) : a.map(() => 0);
  const upper = options.upper ? checkVector(fn, "upper", options.upper, n) : a.map(() => 1);
  lower.forEach((l, i) => {
    if (l < 0 || l > upper[i])
      throw new ArgumentError({
        where: fn,
        argument: "lower",
        index: i,
        value: l,
        problem: `is ${l}, expected 0 ≤ lower ≤ upper (${upper[i]})`,
      });
  });
  const sl = lower.reduce((x, y) => x + y, 0);
  const su = upper.reduce((x, y) => x + y, 0);
  if (sl > 1 + 1e-12 || su < 1 - 1e-12)
    throw new ArgumentError({
      where: fn,
      argument: "upper",
      value: su,
      problem: `bounds cannot hold a fully invested team (Σ lower = ${sl}, Σ upper = ${su})`,
    });
  const tol = options.tolerance ?? 1e-8;
  const maxIt = options.maxIterations ?? 20000;
  if (!(tol > 0)) throw new ArgumentError({ where: fn, argument: "tolerance", value: tol, problem: "must be > 0" });

  const proj = (v: readonly number[]) => projectBoundedSimplex(v, lower, upper);
  const residual = (w: readonly number[], g: readonly number[]) => {
    const z = proj(w.map((x, i) => x - g[i]));
    return Math.max(...z.map((x, i) => Math.abs(x - w[i])));
  };
  const norm = (x: readonly number[]) => {
    const t = x.reduce((u, v) => u + v, 0);
    return x.map((v) => v / t);
  };
  const starts: { name: EqualContributionResult["start"]; w: number[] }[] = [
    { name: "equal", w: proj(a.map(() => 1 / n)) },
    { name: "inverse-te", w: proj(norm(s.map((r, i) => 1 / Math.sqrt(Math.max(r[i], 1e-300))))) },
    { name: "inverse-alpha", w: proj(norm(a.map((x) => 1 / x))) },
  ];
  let best: { w: number[]; e: Eval; res: number; it: number; start: EqualContributionResult["start"] } | undefined;
  for (const st of starts) {
    let w = st.w;
    let e = evaluate(w, a, s, eta);
    if (!(e.V > 0) || !(e.R > 0))
      throw new ArgumentError({
        where: fn,
        argument: "cov",
        problem: `gives a zero tracking error or alpha at the ${st.name} start`,
      });
    let step = 1;
    let res = residual(w, e.g);
    let it = 0;
    while (res > tol && it < maxIt) {
      it++;
      let t = step;
      let wNew = w;
      let eNew = e;
      // Armijo backtracking on the projected step
      for (let k = 0; k < 60; k++) {
        wNew = proj(w.map((x, i) => x - t * e.g[i]));
        eNew = evaluate(wNew, a, s, eta);
        const dec = wNew.reduce((acc, x, i) => acc + e.g[i] * (x - w[i]), 0);
        if (eNew.V > 0 && eNew.R > 0 && eNew.f <= e.f + 1e-4 * dec) break;
        t *= 0.5;
      }
      const dw = wNew.map((x, i) => x - w[i]);
      const dg = eNew.g.map((x, i) => x - e.g[i]);
      const sy = dot(dw, dg);
      const ss = dot(dw, dw);
      if (ss === 0) {
        w = wNew;
        e = eNew;
        res = residual(w, e.g);
        break;
      }
      step = sy > 0 ? Math.min(1e6, Math.max(1e-8, ss / sy)) : Math.min(1e6, t * 2);
      w = wNew;
      e = eNew;
      res = residual(w, e.g);
    }
    if (!best || e.f < best.e.f - 1e-15 || (Math.abs(e.f - best.e.f) <= 1e-15 && res < best.res))
      best = { w, e, res, it, start: st.name };
  }
  const b = best!;
  const te = Math.sqrt(b.e.V);
  return {
    weights: b.w,
    returnShares: b.e.p,
    riskShares: b.e.q,
    efficiencies: b.e.p.map((x, i) => x - b.e.q[i]),
    expectedAlpha: b.e.R,
    trackingError: te,
    informationRatio: b.e.R / te,
    objective: b.e.f,
    stationarity: b.res,
    converged: b.res <= tol,
    iterations: b.it,
    start: b.start,
    equalized: b.e.f <= tol * tol,
    excluded: [],
  };
}
