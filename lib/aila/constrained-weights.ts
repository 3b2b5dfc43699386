/**
 * Constrained weights wC: the weight vector closest in angle to the unconstrained weights wU that
 * respects asset caps, sector caps, a weighted-average Sharpe-ratio floor and the sum of wU
 * (AiLA index methodology, "Constrained weights"; reference file 003, step two).
 *
 * ## The problem
 * Only assets with wU_i ≠ 0 take part. The fit keeps the sign of every weight (the methodology
 * multiplies the fitted weights by the signal sign), so it works on magnitudes u_i = |w_i| with
 * a_i = |wU_i| > 0, s_i = sign(wU_i), and the output is w_i = s_i·u_i. With S the required sum
 * (gross allocation Σ|wU_i|, see "sum" below):
 *
 *   maximise cos∠(u, a) = ⟨u, a⟩ / (‖u‖‖a‖)
 *   subject to  u_i ≥ 0                                  (sign preservation)
 *               u_i ≤ c_i                                (asset caps)
 *               Σ_{i∈k} u_i ≤ C_k     for every sector k  (sector caps on gross sector weight)
 *               Σ_i u_i·ŝr_i ≥ SR*·Σ_i u_i               (Sharpe floor: weighted average of the
 *                                                          clipped asset Sharpe ratios ŝr_i =
 *                                                          clamp(sr_i, −5, 5) is at least SR*)
 *               Σ_i u_i = S                              (index allocation)
 *
 * ## Exact solution (instead of the methodology's local SLSQP)
 * Homogenise with y = t·u, t = Σ_i y_i > 0, i.e. u = S·y/Σy. Every constraint becomes a
 * homogeneous linear inequality in y:
 *   y_i ≥ 0,   c_i·Σ_j y_j − S·y_i ≥ 0,   C_k·Σ_j y_j − S·Σ_{i∈k} y_i ≥ 0,   Σ_i (ŝr_i − SR*)·y_i ≥ 0,
 * and the sum constraint disappears (it is the normalisation). These define a closed convex
 * polyhedral cone K, and the angle is scale-invariant, so the problem is: maximise cos∠(y, a)
 * over y ∈ K \ {0}. By Moreau's decomposition a = P_K(a) + P_K°(a) with the two parts orthogonal
 * (K° the polar cone). For any y ∈ K, ⟨P_K°(a), y⟩ ≤ 0, hence
 *   ⟨a, y⟩ ≤ ⟨P_K(a), y⟩ ≤ ‖P_K(a)‖·‖y‖,   and   ⟨a, P_K(a)⟩ = ‖P_K(a)‖²,
 * so cos∠(y, a) ≤ ‖P_K(a)‖/‖a‖ = cos∠(P_K(a), a): the Euclidean projection of a onto K maximises
 * the cosine, uniquely up to positive scaling (Cauchy–Schwarz equality). Because a > 0 and y ≥ 0,
 * ⟨a, y⟩ > 0 for every y ∈ K \ {0}, so P_K(a) ≠ 0 whenever K ≠ {0}. The projection is the convex
 * quadratic programme  min ½‖y‖² − ⟨a, y⟩  s.t.  Gy ≥ 0, solved exactly (finite active-set method)
 * by Goldfarb–Idnani (`quadprog`, D = I so it is positive definite and already factorised);
 * then u = S·y/Σy. This is the global optimum, not a local one.
 *
 * ## Sum that does not fit, infeasibility, maximum allocation
 * The cone is {0} exactly when no u ≠ 0 with Σu = S is feasible. The largest feasible sum
 * S_max = max{Σu : 0 ≤ u ≤ c, sector caps, Σ u_i(ŝr_i − SR*) ≥ 0} is a linear programme solved
 * exactly through its one-multiplier Lagrangian dual: S_max = min_{λ≥0} g(λ) with
 * g(λ) = max{Σ u_i(1 + λ d_i) : box and sector caps}, d_i = ŝr_i − SR*. For λ > 0 the greedy
 * fill order inside a sector is by d_i (descending) whatever λ is, and an asset drops out when
 * 1 + λd_i ≤ 0, so g is convex piecewise linear with breakpoints only at λ = −1/d_i (d_i < 0);
 * its minimum is at λ = 0 or at one of them. If S > S_max, wU is scaled down to
 * S_max·(1 − 1e−12) (the tiny margin keeps the cone from collapsing to {0} through rounding) —
 * status "scaled". If S_max = 0 (e.g. the Sharpe floor is above every asset's Sharpe ratio,
 * or all caps are zero) or the solver fails, the fit is impossible and the documented fallback
 * applies: wU with each asset cut to its cap and each breaching sector scaled down
 * proportionally (the Sharpe floor is then not enforced) — status "infeasible". With fewer than
 * `minActive` (3) active assets no fit is done and the same fallback is used — status
 * "too-few-assets". An optional maximum allocation finally scales the whole vector down when
 * Σ|w| exceeds it.
 *
 * ## Warm start (optional)
 * `fitConstrainedWeights(p, { warmStart })` first solves the same projection with a structured
 * Goldfarb–Idnani active-set method (lib/aila/constrained-active-set.ts) started from the previous
 * day's working set (assets at zero / at cap, binding sectors, Sharpe floor), accepts it only with
 * an explicit KKT certificate, and otherwise falls back to the quadprog solve above (bit-identical
 * to the call without options). The result then carries the next day's `warmStart` and the
 * `solver` used; `fitConstrainedWeightsSeries` threads it through days. Warm and cold angles agree
 * within 1e-12 rad (tests: test/aila/constrained-warm-start.test.ts). Without options nothing
 * changes.
 *
 * Units: weights and caps are fractions of the index value (0.05 = 5 %). Sharpe ratios are
 * annualised, dimensionless. "Sum" means the gross allocation Σ|w| (the methodology's sum of the
 * unsigned fitted weights before the signs are applied).
 *
 * ## Bad input
 * Errors (`ArgumentError`, lib/validation.ts) name the argument, the asset index and the value:
 * NaN or infinite wU; |wU_i| > 1e100 (`WU_MAGNITUDE_LIMIT`: the fit squares and multiplies
 * weights, and 1e200 would overflow to Infinity weights and a NaN angle — no index weight is
 * within 90 orders of magnitude of that); assetCaps, sector or sharpe arrays whose length is not
 * that of wU ("sector[29] is missing: sector has 29 entries, wU has 30"); a sector id that is not
 * an integer ≥ −1; a negative or NaN cap; a negative or NaN `maxAllocation`; a NaN Sharpe ratio
 * with a floor enabled. No output weight is ever NaN or infinite.
 */
import { solveQP } from "../quadprog";
import { ArgumentError, checkLength, checkRange } from "../validation";
import {
  AT_CAP,
  AT_ZERO,
  FREE,
  type StructuredProblem,
  solveStructured,
  type WorkingSet,
} from "./constrained-active-set";

/** Largest |wU_i| accepted (see "Bad input" in the module comment). */
export const WU_MAGNITUDE_LIMIT = 1e100;

export interface ConstrainedFitProblem {
  /** Signed unconstrained weights (fractions of index value); zero = inactive. */
  wU: ArrayLike<number>;
  /** Upper bound on |w_i| per asset, ≥ 0; `Infinity` for none. */
  assetCaps: ArrayLike<number>;
  /** Sector id per asset (integer ≥ 0), or −1 for none. Omit for no sector caps. */
  sector?: ArrayLike<number>;
  /** Cap on the gross weight Σ|w| of each sector id, ≥ 0; `Infinity` (or missing) for none. */
  sectorCaps?: ArrayLike<number>;
  /** Historical annualised Sharpe ratio of each asset's position (signal direction). */
  sharpe?: ArrayLike<number>;
  /** Floor on the |w|-weighted average of the clipped Sharpe ratios; omit/NaN to disable. */
  sharpeFloor?: number;
  /** Clip for the asset Sharpe ratios (default 5: values in [−5, 5]). */
  sharpeClip?: number;
  /** Optional maximum allocation: Σ|w| is scaled down to it when larger. */
  maxAllocation?: number;
  /** Minimum number of active assets for a fit (default 3). */
  minActive?: number;
  /** Asset names, only used to label binding constraints and errors. */
  names?: readonly string[];
  /** Sector names by id, only for labels. */
  sectorNames?: readonly string[];
}

export type ConstrainedFitStatus = "fit" | "scaled" | "too-few-assets" | "infeasible";

export interface ConstrainedFit {
  /** Signed constrained weights, same length as wU; zero where wU is zero. Never NaN. */
  weights: Float64Array;
  status: ConstrainedFitStatus;
  /** Σ|wU| (requested gross allocation). */
  requestedSum: number;
  /** Largest gross allocation the constraints allow (Infinity when unbounded). */
  maxFeasibleSum: number;
  /** Σ|w| of the result. */
  sum: number;
  /** Angle between w and wU in radians (0 when both are zero). */
  angle: number;
  /** Constraints active at the solution: "cap:NAME", "sector:NAME", "sharpe-floor", "sum-scaled", "max-allocation". */
  binding: string[];
  /**
   * Only when `options` were passed: the working set to warm-start the next day with (the input
   * one again when no projection was needed).
   */
  warmStart?: ConstrainedFitWarmStart | null;
  /**
   * Only when `options` were passed: which solver produced the projection — "active-set" (warm
   * start certified by the KKT check), "quadprog" (fallback: the cold solve) or "none" (no
   * projection: too few assets, infeasible).
   */
  solver?: "active-set" | "quadprog" | "none";
}

/**
 * Working set of one day's fit, by asset index of the problem: −1 inactive (wU = 0), 0 free,
 * 1 at zero, 2 at its cap; the sector ids whose cap binds; whether the Sharpe floor binds.
 */
export interface ConstrainedFitWarmStart {
  readonly assets: Int8Array;
  readonly sectors: readonly number[];
  readonly sharpe: boolean;
}

export interface ConstrainedFitOptions {
  /**
   * Previous day's working set (`result.warmStart`), or null to start the active-set solver from
   * the unconstrained point. The warm solve (lib/aila/constrained-active-set.ts) is accepted only
   * when its KKT certificate holds; otherwise the cold quadprog solve is used.
   */
  warmStart?: ConstrainedFitWarmStart | null;
  /** Active-set iterations before falling back to quadprog (default 4·(assets + sectors) + 20; 0 = verify the given set only). */
  maxIterations?: number;
}

const label = (names: readonly string[] | undefined, i: number) => names?.[i] ?? `#${i}`;

/** Numerically stable angle between two vectors (radians): 2·atan2(‖â − b̂‖, ‖â + b̂‖). */
export function vectorAngle(x: ArrayLike<number>, z: ArrayLike<number>): number {
  let nx = 0;
  let nz = 0;
  for (let i = 0; i < x.length; i++) {
    nx += x[i] * x[i];
    nz += z[i] * z[i];
  }
  nx = Math.sqrt(nx);
  nz = Math.sqrt(nz);
  if (nx === 0 || nz === 0) return nx === nz ? 0 : Math.PI / 2;
  let dm = 0;
  let dp = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] / nx;
    const b = z[i] / nz;
    dm += (a - b) ** 2;
    dp += (a + b) ** 2;
  }
  return 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
}

/**
 * The documented fallback: |w_i| = min(|wU_i|, c_i), then every sector whose gross weight
 * exceeds its cap is scaled down proportionally. Signs are kept; NaN never appears.
 */
export function capWeights(
  wU: ArrayLike<number>,
  assetCaps: ArrayLike<number>,
  sector?: ArrayLike<number>,
  sectorCaps?: ArrayLike<number>,
): Float64Array {
  const w = new Float64Array(wU.length);
  for (let i = 0; i < wU.length; i++) w[i] = Math.sign(wU[i]) * Math.min(Math.abs(wU[i]), assetCaps[i]);
  if (sector && sectorCaps) {
    const gross = new Map<number, number>();
    for (let i = 0; i < w.length; i++)
      if (sector[i] >= 0) gross.set(sector[i], (gross.get(sector[i]) ?? 0) + Math.abs(w[i]));
    for (let i = 0; i < w.length; i++) {
      const k = sector[i];
      if (k < 0) continue;
      const cap = sectorCaps[k] ?? Number.POSITIVE_INFINITY;
      const g = gross.get(k) ?? 0;
      if (g > cap) w[i] = cap === 0 ? 0 : w[i] * (cap / g);
    }
  }
  return w;
}

interface Group {
  cap: number;
  members: number[]; // local indices, sorted by d descending
  id?: number; // sector id (capped sectors only)
}

/**
 * Largest feasible gross allocation S_max = max Σu s.t. 0 ≤ u ≤ c, Σ_{i∈k} u ≤ C_k,
 * Σ u_i d_i ≥ 0, via the exact Lagrangian dual described in the module comment.
 * `d` may be omitted (no Sharpe floor). Returns Infinity when unbounded.
 */
export function maxFeasibleSum(caps: ArrayLike<number>, groups: readonly Group[], d?: ArrayLike<number>): number {
  const g = (lambda: number) => {
    let total = 0;
    for (const grp of groups) {
      let room = grp.cap;
      for (const i of grp.members) {
        if (room <= 0) break;
        const coef = d ? 1 + lambda * d[i] : 1;
        if (coef <= 0) continue;
        const u = Math.min(caps[i], room);
        if (u <= 0) continue;
        total += u * coef;
        room -= u;
      }
    }
    return total;
  };
  let best = g(0);
  if (d) for (let i = 0; i < d.length; i++) if (d[i] < 0) best = Math.min(best, g(-1 / d[i]));
  return best;
}

/**
 * Solve the constrained fit of one day (see module comment). Without `options` this is the cold
 * quadprog solve; with them, the projection is first tried by the warm-started active-set solver
 * and the result carries the next day's `warmStart` and the `solver` used.
 */
export function fitConstrainedWeights(p: ConstrainedFitProblem, options?: ConstrainedFitOptions): ConstrainedFit {
  checkProblem(p);
  const n = p.wU.length;
  const ap = activeProblem(p);
  const { active, a, caps, d, requestedSum } = ap;
  const m = active.length;
  const groups = capGroups(p, ap);
  const sMax = maxFeasibleSum(caps, groups, d);

  const weights = new Float64Array(n);
  let nextWarm: ConstrainedFitWarmStart | undefined;
  let solver: "active-set" | "quadprog" | "none" = "none";
  const finish = (status: ConstrainedFitStatus, binding: string[]): ConstrainedFit =>
    finishFit(p, weights, status, binding, {
      requestedSum,
      maxFeasibleSum: sMax,
      options,
      warmStart: nextWarm,
      solver,
    });
  const fallback = (status: ConstrainedFitStatus): ConstrainedFit => {
    weights.set(capWeights(p.wU, p.assetCaps, p.sector, p.sectorCaps));
    return finish(status, bindingOf(p, weights, false));
  };
  if (m < (p.minActive ?? 3)) return fallback("too-few-assets");
  if (!(sMax > 1e-14 * requestedSum)) return fallback("infeasible");
  const scaled = requestedSum > sMax;
  const target = scaled ? sMax * (1 - 1e-12) : requestedSum;

  // quadprog's tolerances are absolute, and squares of tiny entries underflow: a problem far from
  // unit scale (max a_j outside [2^-20, 2^20]) is set up after an exact power-of-two rescaling by k
  // of a, the caps and the target — the projection onto a cone is positively homogeneous, the
  // constraint columns are normalised anyway, and u = S·y/Σy does not depend on the scale of y.
  // Inside that range k = 1 and nothing is rescaled.
  let amax = 0;
  for (let j = 0; j < m; j++) amax = Math.max(amax, a[j]);
  const k = amax < 2 ** -20 || amax > 2 ** 20 ? 2 ** Math.min(1000, -Math.round(Math.log2(amax))) : 1;
  const tk = target * k;
  const ak = k === 1 ? a : a.map((x) => x * k);
  let y: Float64Array | undefined;
  let sp: StructuredProblem | undefined;
  const capped = options ? cappedGroups(groups, target) : [];
  if (options) {
    sp = structuredProblem(ak, caps, groups, d, target);
    const ws = initialWorkingSet(sp, active, capped, options.warmStart ?? null);
    y = solveStructured(sp, ws, options.maxIterations);
    if (y) {
      solver = "active-set";
      nextWarm = warmStartOf(ws, active, capped, n);
    }
  }
  if (!y) {
    y = coldProjection(ak, caps, groups, d, k, target, tk);
    if (options && y && sp) {
      solver = "quadprog";
      nextWarm = warmStartOf(workingSetOf(sp, y), active, capped, n);
    }
  }
  let sy = 0;
  if (y) for (let j = 0; j < m; j++) sy += y[j];
  if (!y || !(sy > 1e-14 * requestedSum * k)) return fallback("infeasible");
  for (let j = 0; j < m; j++) {
    const i = active[j];
    weights[i] = Math.sign(p.wU[i]) * ((y[j] * target) / sy);
  }
  const binding = bindingOf(p, weights, ap.floorOn);
  if (scaled) binding.push("sum-scaled");
  return finish(scaled ? "scaled" : "fit", binding);
}

/** Step 1: the problem's inputs (lengths, finite wU within bounds, caps ≥ 0, sector indices, floor). */
function checkProblem(p: ConstrainedFitProblem): void {
  const where = "fitConstrainedWeights";
  const n = p.wU.length;
  const names = p.names;
  checkLength("assetCaps", p.assetCaps, n, { where, lengthOf: "wU" });
  if (p.sector) checkLength("sector", p.sector, n, { where, lengthOf: "wU" });
  if (p.sharpe) checkLength("sharpe", p.sharpe, n, { where, lengthOf: "wU" });
  for (let i = 0; i < n; i++) {
    const w = p.wU[i];
    if (typeof w !== "number" || !Number.isFinite(w))
      throw new ArgumentError({
        where,
        argument: "wU",
        index: i,
        value: w,
        problem: `is ${w}`,
        message: `${where}: wU of asset ${label(names, i)} is ${w}`,
      });
    if (Math.abs(w) > WU_MAGNITUDE_LIMIT)
      throw new ArgumentError({
        where,
        argument: "wU",
        index: i,
        value: w,
        problem: `is ${w} (asset ${label(names, i)}), beyond ±${WU_MAGNITUDE_LIMIT}`,
        hint: "wU are weights as fractions of the index value; values this large overflow the fit",
      });
    const c = p.assetCaps[i];
    if (typeof c !== "number" || Number.isNaN(c) || c < 0)
      throw new ArgumentError({
        where,
        argument: "assetCaps",
        index: i,
        value: c,
        problem: `is ${c}`,
        message: `${where}: asset cap of ${label(names, i)} is ${c}; caps must be ≥ 0`,
      });
    if (p.sector) checkRange("sector", p.sector[i], { where, index: i, min: -1, integer: true });
  }
  if (p.maxAllocation !== undefined) checkRange("maxAllocation", p.maxAllocation, { where, min: 0 });
  if (p.sectorCaps)
    for (let k = 0; k < p.sectorCaps.length; k++) {
      const c = p.sectorCaps[k];
      if (Number.isNaN(c) || c < 0)
        throw new Error(
          `fitConstrainedWeights: sector cap of ${p.sectorNames?.[k] ?? `#${k}`} is ${c}; caps must be ≥ 0`,
        );
    }
  const floorOn = p.sharpeFloor !== undefined && !Number.isNaN(p.sharpeFloor);
  if (floorOn && !p.sharpe) throw new Error("fitConstrainedWeights: sharpeFloor given without sharpe ratios");
}

/** The fit restricted to the assets with wU ≠ 0 (index j over `active`). */
interface ActiveProblem {
  /** Asset indices with wU ≠ 0, ascending. */
  active: number[];
  /** a_j = |wU| of each active asset. */
  a: Float64Array;
  /** Asset caps of the active assets. */
  caps: Float64Array;
  /** Σ a_j, the requested gross weight. */
  requestedSum: number;
  /** Whether the Sharpe floor is on. */
  floorOn: boolean;
  /** With the floor: d_j = clip(Sharpe_j, ±sharpeClip) − floor. */
  d: Float64Array | undefined;
}

/** Step 2: the active assets, their |wU|, caps and (with the Sharpe floor) clipped Sharpe margins. */
function activeProblem(p: ConstrainedFitProblem): ActiveProblem {
  const n = p.wU.length;
  const floorOn = p.sharpeFloor !== undefined && !Number.isNaN(p.sharpeFloor);
  const clip = p.sharpeClip ?? 5;
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (p.wU[i] !== 0) active.push(i);
  const m = active.length;
  const a = new Float64Array(m);
  const caps = new Float64Array(m);
  let requestedSum = 0;
  for (let j = 0; j < m; j++) {
    a[j] = Math.abs(p.wU[active[j]]);
    caps[j] = p.assetCaps[active[j]];
    requestedSum += a[j];
  }
  let d: Float64Array | undefined;
  if (floorOn) {
    d = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const sr = p.sharpe![active[j]];
      if (Number.isNaN(sr))
        throw new Error(
          `fitConstrainedWeights: Sharpe ratio of ${label(p.names, active[j])} is NaN with a floor enabled`,
        );
      d[j] = Math.max(-clip, Math.min(clip, sr)) - p.sharpeFloor!;
    }
  }
  return { active, a, caps, requestedSum, floorOn, d };
}

/**
 * Step 3: the cap groups — one per capped sector present (members in active order, or by
 * descending Sharpe margin with the floor on, ties by index), a singleton for every other asset.
 */
function capGroups(p: ConstrainedFitProblem, ap: ActiveProblem): Group[] {
  const { active, d } = ap;
  const groups: Group[] = [];
  const bySector = new Map<number, Group>();
  for (let j = 0; j < active.length; j++) {
    const k = p.sector ? p.sector[active[j]] : -1;
    const cap = k >= 0 && p.sectorCaps ? (p.sectorCaps[k] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    if (k >= 0 && cap < Number.POSITIVE_INFINITY) {
      let grp = bySector.get(k);
      if (!grp) {
        grp = { cap, members: [], id: k };
        bySector.set(k, grp);
        groups.push(grp);
      }
      grp.members.push(j);
    } else groups.push({ cap: Number.POSITIVE_INFINITY, members: [j] });
  }
  if (d) for (const grp of groups) grp.members.sort((x, y) => d[y] - d[x] || x - y);
  return groups;
}

/**
 * Last step: −0 → 0, the maximum allocation (a uniform scale-down, binding "max-allocation"),
 * the angle to wU, and the warm start for the next day when the caller asked for one.
 */
function finishFit(
  p: ConstrainedFitProblem,
  weights: Float64Array,
  status: ConstrainedFitStatus,
  binding: string[],
  ctx: {
    requestedSum: number;
    maxFeasibleSum: number;
    options: ConstrainedFitOptions | undefined;
    warmStart: ConstrainedFitWarmStart | undefined;
    solver: "active-set" | "quadprog" | "none";
  },
): ConstrainedFit {
  const n = weights.length;
  const { requestedSum, options } = ctx;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    weights[i] += 0; // −0 → 0
    sum += Math.abs(weights[i]);
  }
  if (p.maxAllocation !== undefined && sum > p.maxAllocation) {
    const f = p.maxAllocation / sum;
    for (let i = 0; i < n; i++) weights[i] *= f;
    sum = p.maxAllocation;
    binding.push("max-allocation");
  }
  const angle = vectorAngle(weights, p.wU);
  // Guard: with the input checks this cannot happen; never return non-finite weights.
  if (!Number.isFinite(sum) || Number.isNaN(angle))
    throw new ArgumentError({
      where: "fitConstrainedWeights",
      argument: "wU",
      value: requestedSum,
      problem: `overflowed the fit (Σ|wU| = ${requestedSum}, Σ|w| = ${sum}, angle ${angle})`,
      hint: "pass weights as fractions of the index value",
    });
  const out: ConstrainedFit = {
    weights,
    status,
    requestedSum,
    maxFeasibleSum: ctx.maxFeasibleSum,
    sum,
    angle,
    binding,
  };
  if (options) {
    out.warmStart = ctx.warmStart === undefined ? (options.warmStart ?? null) : ctx.warmStart;
    out.solver = ctx.solver;
  }
  return out;
}

/**
 * Fit a sequence of days, each warm-started from the previous day's working set (the first from
 * the unconstrained point); every day falls back to the cold quadprog solve when the warm start is
 * not certified. Results are the cold ones up to rounding (angles within 1e-12 rad).
 */
export function fitConstrainedWeightsSeries(
  problems: Iterable<ConstrainedFitProblem>,
  options: { maxIterations?: number } = {},
): ConstrainedFit[] {
  const out: ConstrainedFit[] = [];
  let warm: ConstrainedFitWarmStart | null = null;
  for (const p of problems) {
    const r = fitConstrainedWeights(p, { warmStart: warm, maxIterations: options.maxIterations });
    warm = r.warmStart ?? null;
    out.push(r);
  }
  return out;
}

function structuredProblem(
  a: Float64Array,
  caps: Float64Array,
  groups: readonly Group[],
  d: Float64Array | undefined,
  target: number,
): StructuredProblem {
  const m = a.length;
  const r = new Float64Array(m);
  for (let j = 0; j < m; j++) r[j] = caps[j] < target ? caps[j] / target : Number.POSITIVE_INFINITY;
  const grp = new Int32Array(m).fill(-1);
  const R: number[] = [];
  for (const g of groups) {
    if (!(g.cap < target)) continue;
    for (const j of g.members) grp[j] = R.length;
    R.push(g.cap / target);
  }
  return { a, r, grp, R: Float64Array.from(R), d: d?.some((x) => x < 0) ? d : undefined };
}

/** Capped groups in the local order of `structuredProblem`. */
function cappedGroups(groups: readonly Group[], target: number): Group[] {
  return groups.filter((g) => g.cap < target);
}

function initialWorkingSet(
  sp: StructuredProblem,
  active: readonly number[],
  capped: readonly Group[],
  warm: ConstrainedFitWarmStart | null,
): WorkingSet {
  const m = active.length;
  const state = new Int8Array(m);
  const sector = new Uint8Array(capped.length);
  if (!warm) return { state, sector, sharpe: false };
  for (let j = 0; j < m; j++) {
    const s = warm.assets[active[j]];
    state[j] = s === AT_ZERO || s === AT_CAP ? s : FREE;
  }
  for (let g = 0; g < capped.length; g++) if (warm.sectors.includes(capped[g].id ?? -1)) sector[g] = 1;
  return { state, sector, sharpe: warm.sharpe && sp.d !== undefined };
}

/** Working set read off a solution (the cold solve), relative tolerance 1e-9. */
function workingSetOf(sp: StructuredProblem, y: Float64Array): WorkingSet {
  const m = y.length;
  let sy = 0;
  for (let j = 0; j < m; j++) sy += y[j];
  const state = new Int8Array(m);
  const G = sp.R.length;
  const gsum = new Float64Array(G);
  let sd = 0;
  let dmax = 0;
  for (let j = 0; j < m; j++) {
    state[j] = y[j] <= 1e-12 * sy ? AT_ZERO : y[j] >= sp.r[j] * sy * (1 - 1e-9) ? AT_CAP : FREE;
    if (sp.grp[j] >= 0) gsum[sp.grp[j]] += y[j];
    if (sp.d) {
      sd += sp.d[j] * y[j];
      dmax = Math.max(dmax, Math.abs(sp.d[j]));
    }
  }
  const sector = new Uint8Array(G);
  for (let g = 0; g < G; g++) sector[g] = gsum[g] >= sp.R[g] * sy * (1 - 1e-9) ? 1 : 0;
  return { state, sector, sharpe: sp.d !== undefined && sd <= 1e-9 * dmax * sy };
}

function warmStartOf(
  ws: WorkingSet,
  active: readonly number[],
  capped: readonly Group[],
  n: number,
): ConstrainedFitWarmStart {
  const assets = new Int8Array(n).fill(-1);
  for (let j = 0; j < active.length; j++) assets[active[j]] = ws.state[j];
  const sectors: number[] = [];
  for (let g = 0; g < capped.length; g++) if (ws.sector[g] && capped[g].id !== undefined) sectors.push(capped[g].id!);
  return { assets, sectors, sharpe: ws.sharpe };
}

function coldProjection(
  a: Float64Array,
  caps: Float64Array,
  groups: readonly Group[],
  d: Float64Array | undefined,
  k: number,
  target: number,
  tk: number,
): Float64Array | undefined {
  const m = a.length;
  // Homogenised cone constraints G y ≥ 0, one column per constraint (unit-normalised).
  const cols: Float64Array[] = [];
  for (let j = 0; j < m; j++) {
    const g = new Float64Array(m);
    g[j] = 1;
    cols.push(g);
  }
  for (let j = 0; j < m; j++) {
    if (!(caps[j] < target)) continue; // redundant given y ≥ 0
    const g = new Float64Array(m).fill(caps[j] * k);
    g[j] -= tk;
    cols.push(g);
  }
  for (const grp of groups) {
    if (!(grp.cap < target)) continue; // redundant: the sector can hold the whole sum
    const g = new Float64Array(m).fill(grp.cap * k);
    for (const j of grp.members) g[j] -= tk;
    cols.push(g);
  }
  if (d?.some((x) => x < 0)) cols.push(Float64Array.from(d));
  return projectOntoCone(a, cols);
}

/**
 * Euclidean projection of a onto the cone {y : ⟨g, y⟩ ≥ 0 for every g in cols} with
 * Goldfarb–Idnani (`quadprog`): min ½‖y‖² − ⟨a, y⟩. Returns undefined when the solver fails.
 * Tiny negative components (rounding) are set to zero.
 */
export function projectOntoCone(a: ArrayLike<number>, cols: readonly ArrayLike<number>[]): Float64Array | undefined {
  const m = a.length;
  const q = cols.length;
  const D: number[][] = [[]];
  const dvec: number[] = [0];
  for (let i = 1; i <= m; i++) {
    const row = new Array<number>(m + 1).fill(0);
    row[i] = 1;
    D.push(row);
    dvec.push(a[i - 1]);
  }
  const A: number[][] = [[]];
  for (let i = 1; i <= m; i++) A.push(new Array<number>(q + 1).fill(0));
  const b: number[] = new Array<number>(q + 1).fill(0);
  for (let c = 0; c < q; c++) {
    const g = cols[c];
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm += g[i] * g[i];
    nrm = Math.sqrt(nrm) || 1;
    for (let i = 0; i < m; i++) A[i + 1][c + 1] = g[i] / nrm;
  }
  const res = solveQP(D, dvec, A, b, 0, [0, 1]);
  if (res.message || !res.solution) return undefined;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const v = res.solution[i + 1];
    if (!Number.isFinite(v)) return undefined;
    y[i] = Math.max(0, v);
  }
  return y;
}

/** Labels of the constraints that hold with equality (relative slack ≤ 1e-9) at w. */
function bindingOf(p: ConstrainedFitProblem, w: Float64Array, floorOn: boolean): string[] {
  const out: string[] = [];
  const tol = 1e-9;
  for (let i = 0; i < w.length; i++)
    if (
      w[i] !== 0 &&
      p.assetCaps[i] < Number.POSITIVE_INFINITY &&
      Math.abs(w[i]) >= p.assetCaps[i] - tol * Math.max(1, p.assetCaps[i])
    )
      out.push(`cap:${label(p.names, i)}`);
  if (p.sector && p.sectorCaps) {
    const gross = new Map<number, number>();
    for (let i = 0; i < w.length; i++)
      if (p.sector[i] >= 0) gross.set(p.sector[i], (gross.get(p.sector[i]) ?? 0) + Math.abs(w[i]));
    for (const [k, g] of [...gross].sort((x, y) => x[0] - y[0])) {
      const cap = p.sectorCaps[k];
      if (cap !== undefined && cap < Number.POSITIVE_INFINITY && g > 0 && g >= cap - tol * Math.max(1, cap))
        out.push(`sector:${p.sectorNames?.[k] ?? `#${k}`}`);
    }
  }
  if (floorOn) {
    const clip = p.sharpeClip ?? 5;
    let num = 0;
    let den = 0;
    for (let i = 0; i < w.length; i++) {
      num += Math.abs(w[i]) * Math.max(-clip, Math.min(clip, p.sharpe![i]));
      den += Math.abs(w[i]);
    }
    if (den > 0 && num / den <= p.sharpeFloor! + tol) out.push("sharpe-floor");
  }
  return out;
}
