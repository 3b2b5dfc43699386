/**
 * Structured dual (Goldfarb–Idnani) active-set solver for the cone projection of the constrained fit
 * (lib/aila/constrained-weights.ts, "Exact solution"), used for warm starts.
 *
 * The cone is K = {y : y_i ≥ 0, r_i·σ − y_i ≥ 0 (asset caps), R_g·σ − Σ_{i∈g} y_i ≥ 0 (sector
 * caps), Σ d_i y_i ≥ 0 (Sharpe floor)} with σ = Σ_i y_i, r_i = c_i/S, R_g = C_g/S (the
 * homogenised constraints of the module comment divided by S; scaling a constraint does not change
 * the cone). y = P_K(a) iff (KKT) y ∈ K and y = a + Σ_j μ_j g_j with μ ≥ 0, μ_j = 0 off the active
 * constraints. Writing τ = Σ_{caps} μ_i r_i + Σ_g ν_g R_g, ν_g the sector and η the Sharpe
 * multipliers, every component is
 *
 *   y_i = clamp(b_i, 0, r_i·σ),   b_i = a_i + τ + η·d_i − ν_{g(i)},
 *
 * with the cap multiplier μ_i = b_i − r_i·σ ≥ 0 where the cap binds and the bound multiplier −b_i ≥ 0
 * where y_i = 0. So once the asset states (free / at zero / at cap), the binding sectors and the
 * Sharpe flag are fixed, the unknowns are only the scalars (τ, σ, η, ν_g), and they solve a small
 * dense linear system (≤ 3 + number of sectors equations):
 *
 *   Σ_F b_i + σ·(Σ_C r_i − 1) = 0                       (σ = Σ y)
 *   τ − Σ_C r_i·b_i + σ·Σ_C r_i² − Σ_{g∈A} ν_g R_g = 0   (definition of τ, μ_i = b_i − r_i σ)
 *   Σ_F d_i b_i + σ·Σ_C d_i r_i = 0                     (Sharpe floor binding)
 *   Σ_{F∩g} b_i + σ·(Σ_{C∩g} r_i − R_g) = 0              (sector g binding)
 *
 * (F free, C at cap, A binding sectors). Each working-set solve costs O(m + p³), p ≤ 3 + sectors,
 * instead of quadprog's dense O(m·q) per iteration.
 *
 * The iteration is Goldfarb–Idnani's dual active-set method (the method of quadprog) carried out on
 * this structured working set: (1) the starting set — the previous day's, or empty — is made dual
 * feasible by dropping the most negative multiplier until none is negative; (2) while a constraint
 * is violated, the most violated one is added with a multiplier t growing from 0 (the input a
 * becomes a + t·g_j, everything moves linearly in t): a full step when the constraint becomes
 * tight first, a partial step that drops a working-set member whose multiplier reaches 0 otherwise.
 * The dual objective increases at every step, so the iteration terminates (limit 4·(m + sectors)
 * + 20 steps). Every working-set solve is followed by one step of iterative refinement (the
 * residuals of the equations are sums of O(‖y‖) terms, accurate, while b_i cancels large
 * multipliers).
 *
 * The result is accepted only with a KKT certificate checked explicitly (relative tolerance 1e-13):
 * no primal violation, every multiplier ≥ 0, the equalities of the working set satisfied, σ > 0.
 * A conditioning guard also declines days whose multipliers exceed 1e3·max a_i: there (thin cones
 * when the sum is scaled down to S_max·(1 − 1e−12)) a one-ulp change of the data moves the angle by
 * more than 1e-12 rad, quadprog and this solver then differ by up to a few 1e-12 rad (measured
 * against a 60-digit solve: both are off by that much), and the caller's cold solve is used so that
 * warm and cold results agree within 1e-12 rad. Otherwise (no convergence, singular system) the
 * solver returns undefined and the caller falls back to quadprog.
 */

/**
 * Asset state codes of a working set. (Declared, then exported, so that the compiled CommonJS
 * refers to the local constants: `export const` makes tsc read `exports.FREE` in every loop.)
 */
const FREE = 0;
const AT_ZERO = 1;
const AT_CAP = 2;

export { AT_CAP, AT_ZERO, FREE };

export interface StructuredProblem {
  /** a_i > 0 (local indices). */
  a: Float64Array;
  /** c_i/S; Infinity where the cap constraint is absent (c_i ≥ S). */
  r: Float64Array;
  /** Local capped-sector index of each asset, −1 when its sector has no binding-capable cap. */
  grp: Int32Array;
  /** C_g/S per capped sector (only sectors with C_g < S). */
  R: Float64Array;
  /** d_i = clip(sr_i) − SR*, or undefined when the Sharpe constraint is absent (no d_i < 0). */
  d?: Float64Array;
}

export interface WorkingSet {
  /** FREE / AT_ZERO / AT_CAP per local asset (updated in place). */
  state: Int8Array;
  /** 1 where the capped sector g binds (updated in place). */
  sector: Uint8Array;
  /** Sharpe floor binding. */
  sharpe: boolean;
}

const TOL = 1e-13;
/** Solves per working-set system: one solve plus one refinement step (one solve for directions). */
const PASSES = 2;
const DPASSES = 1;
/** Largest multiplier / max a_i accepted from the active-set solve (see the conditioning guard). */
export const CONDITION_LIMIT = 1e3;

/**
 * Solve the projection from the working set `ws` (modified in place to the final working set).
 * Returns y = P_K(a) or undefined when the active-set iteration does not certify a solution.
 */
export function solveStructured(p: StructuredProblem, ws: WorkingSet, maxIter?: number): Float64Array | undefined {
  const { a, r, grp, R } = p;
  const m = a.length;
  const G = R.length;
  const state = ws.state;
  const sec = ws.sector;
  let amax = 0;
  for (let i = 0; i < m; i++) if (a[i] > amax) amax = a[i];
  let dmax = 0;
  if (p.d) for (let i = 0; i < m; i++) dmax = Math.max(dmax, Math.abs(p.d[i]));
  const d = dmax > 0 ? p.d : undefined;
  if (!d) ws.sharpe = false;
  for (let i = 0; i < m; i++) if (state[i] === AT_CAP && !(r[i] < Number.POSITIVE_INFINITY)) state[i] = FREE;
  const iterLimit = maxIter ?? 4 * (m + G) + 20;
  const tolA = TOL * amax;

  const pMax = 3 + G;
  const colG = new Int32Array(G);
  const M = new Float64Array(pMax * pMax);
  const M0 = new Float64Array(pMax * pMax);
  const rhs = new Float64Array(pMax);
  const res = new Float64Array(Math.max(pMax, G));
  const dz = new Float64Array(pMax);
  const z = new Float64Array(pMax);
  const zD = new Float64Array(pMax);
  const v = new Float64Array(m);
  const gj = new Float64Array(m);
  const y = new Float64Array(m);
  const dy = new Float64Array(m);
  let n = 2;
  let eta = false;

  /** System matrix of the working set (module comment), rows/unknowns τ, σ, [η], ν_g. */
  const build = () => {
    eta = ws.sharpe && d !== undefined;
    n = eta ? 3 : 2;
    for (let g = 0; g < G; g++) colG[g] = sec[g] ? n++ : -1;
    M0.fill(0, 0, n * n);
    for (let i = 0; i < m; i++) {
      const s = state[i];
      if (s === AT_ZERO) continue;
      const di = d ? d[i] : 0;
      const cg = grp[i] >= 0 ? colG[grp[i]] : -1;
      if (s === FREE) {
        M0[0] += 1;
        if (eta) M0[2] += di;
        if (cg >= 0) M0[cg] -= 1;
        if (eta) {
          const o = 2 * n;
          M0[o] += di;
          M0[o + 2] += di * di;
          if (cg >= 0) M0[o + cg] -= di;
        }
        if (cg >= 0) {
          const o = cg * n;
          M0[o] += 1;
          if (eta) M0[o + 2] += di;
          M0[o + cg] -= 1;
        }
      } else {
        const ri = r[i];
        const o = n;
        M0[o] -= ri;
        if (eta) M0[o + 2] -= ri * di;
        if (cg >= 0) M0[o + cg] += ri;
        M0[o + 1] += ri * ri;
        M0[1] += ri;
        if (eta) M0[2 * n + 1] += di * ri;
        if (cg >= 0) M0[cg * n + 1] += ri;
      }
    }
    M0[1] -= 1;
    M0[n] += 1;
    for (let g = 0; g < G; g++) {
      const c = colG[g];
      if (c < 0) continue;
      M0[n + c] -= R[g];
      M0[c * n + 1] -= R[g];
    }
  };
  /** b_i = v_i + τ + η d_i − ν_g at the scalars zz. */
  const bOf = (vec: Float64Array, zz: Float64Array, i: number) => {
    const g = grp[i];
    const cg = g >= 0 ? colG[g] : -1;
    return vec[i] + zz[0] + (eta ? zz[2] * d![i] : 0) - (cg >= 0 ? zz[cg] : 0);
  };
  /** Residuals of the working-set equations for input vec at zz (sums of O(‖y‖) terms). */
  const residual = (vec: Float64Array, zz: Float64Array) => {
    res.fill(0, 0, n);
    for (let i = 0; i < m; i++) {
      const s = state[i];
      if (s === AT_ZERO) continue;
      const g = grp[i];
      const cg = g >= 0 ? colG[g] : -1;
      const b = bOf(vec, zz, i);
      const yi = s === FREE ? b : r[i] * zz[1];
      res[0] += yi;
      if (eta) res[2] += d![i] * yi;
      if (cg >= 0) res[cg] += yi;
      if (s === AT_CAP) res[1] -= r[i] * (b - yi);
    }
    res[0] -= zz[1];
    res[1] += zz[0];
    for (let g = 0; g < G; g++) {
      const c = colG[g];
      if (c < 0) continue;
      res[1] -= zz[c] * R[g];
      res[c] -= R[g] * zz[1];
    }
  };
  /** Solve the working-set equations for input vec (a, or a constraint gradient), with refinement. */
  const solve = (vec: Float64Array, out: Float64Array, passes = PASSES): boolean => {
    out.fill(0, 0, n);
    for (let ref = 0; ref < passes; ref++) {
      residual(vec, out);
      for (let c = 0; c < n; c++) rhs[c] = -res[c];
      for (let k = 0; k < n * n; k++) M[k] = M0[k];
      if (!solveDense(M, rhs, dz, n)) return false;
      for (let c = 0; c < n; c++) out[c] += dz[c];
    }
    return true;
  };
  const primal = (vec: Float64Array, zz: Float64Array, out: Float64Array) => {
    for (let i = 0; i < m; i++) {
      const s = state[i];
      out[i] = s === FREE ? bOf(vec, zz, i) : s === AT_ZERO ? 0 : r[i] * zz[1];
    }
  };
  /** Multiplier of working-set member (kind, idx) for input vec at zz; kinds 1 bound, 2 cap, 3 sector, 4 Sharpe. */
  const multiplier = (kind: number, idx: number, vec: Float64Array, zz: Float64Array) =>
    kind === 1
      ? -bOf(vec, zz, idx)
      : kind === 2
        ? bOf(vec, zz, idx) - r[idx] * zz[1]
        : kind === 3
          ? zz[colG[idx]]
          : zz[2];
  /** Value of constraint (kind, idx) at the vector yy (≥ 0 when satisfied). */
  const cval = (kind: number, idx: number, yy: Float64Array) => {
    if (kind === 1) return yy[idx];
    let sum = 0;
    if (kind === 2) {
      for (let i = 0; i < m; i++) sum += yy[i];
      return r[idx] * sum - yy[idx];
    }
    if (kind === 3) {
      let gs = 0;
      for (let i = 0; i < m; i++) {
        sum += yy[i];
        if (grp[i] === idx) gs += yy[i];
      }
      return R[idx] * sum - gs;
    }
    for (let i = 0; i < m; i++) sum += d![i] * yy[i];
    return sum;
  };
  /** Most negative multiplier of the working set at (vec, zz): [kind, idx] (kind 0: none below −tol). */
  const worstMultiplier = (vec: Float64Array, zz: Float64Array): [number, number] => {
    let wk = 0;
    let wi = -1;
    let wv = -tolA;
    for (let i = 0; i < m; i++) {
      const s = state[i];
      if (s === FREE) continue;
      const kind = s === AT_ZERO ? 1 : 2;
      const mu = multiplier(kind, i, vec, zz);
      if (mu < wv) {
        wv = mu;
        wk = kind;
        wi = i;
      }
    }
    for (let g = 0; g < G; g++)
      if (sec[g] && zz[colG[g]] < wv) {
        wv = zz[colG[g]];
        wk = 3;
        wi = g;
      }
    if (eta && zz[2] * dmax < wv) {
      wk = 4;
      wi = 0;
    }
    return [wk, wi];
  };
  const drop = (kind: number, idx: number) => {
    if (kind <= 2) state[idx] = FREE;
    else if (kind === 3) sec[idx] = 0;
    else ws.sharpe = false;
  };
  const add = (kind: number, idx: number) => {
    if (kind === 1) state[idx] = AT_ZERO;
    else if (kind === 2) state[idx] = AT_CAP;
    else if (kind === 3) sec[idx] = 1;
    else ws.sharpe = true;
  };

  /** KKT certificate at the candidate y (no primal violation found): multipliers, equalities, conditioning. */
  const certify = (yy: Float64Array, zz: Float64Array, sum: number): Float64Array | undefined => {
    const sigma = zz[1];
    if (!(sigma > 0) || !Number.isFinite(sigma)) return undefined;
    if (worstMultiplier(a, zz)[0] !== 0) return undefined;
    const tolS = TOL * sigma;
    if (Math.abs(sum - sigma) > tolS) return undefined;
    let sd = 0;
    res.fill(0, 0, G);
    for (let i = 0; i < m; i++) {
      if (grp[i] >= 0) res[grp[i]] += yy[i];
      if (d) sd += d[i] * yy[i];
    }
    for (let g = 0; g < G; g++) if (sec[g] && Math.abs(res[g] - R[g] * sigma) > tolS) return undefined;
    if (eta && Math.abs(sd) > TOL * dmax * sigma) return undefined;
    // conditioning guard: with multipliers ≫ a, one-ulp changes of the constraint data move the
    // angle by more than 1e-12 rad (thin cones when the sum is scaled to S_max): leave those days
    // to the cold solve so that warm and cold agree
    let big = Math.max(Math.abs(zz[0]), eta ? Math.abs(zz[2]) * dmax : 0);
    for (let g = 0; g < G; g++) if (sec[g]) big = Math.max(big, Math.abs(zz[colG[g]]));
    if (big > CONDITION_LIMIT * amax) return undefined;
    for (let i = 0; i < m; i++) {
      if (yy[i] < 0) yy[i] = 0;
      const cap = r[i] * sigma;
      if (yy[i] > cap) yy[i] = cap;
    }
    return yy;
  };

  // 1. make the starting working set dual feasible (drop negative multipliers); reset if singular
  build();
  for (let k = 0; ; k++) {
    if (k > m + G + 2 || !solve(a, z)) {
      state.fill(FREE);
      sec.fill(0);
      ws.sharpe = false;
      build();
      if (!solve(a, z)) return undefined;
      break;
    }
    const [wk, wi] = worstMultiplier(a, z);
    if (wk === 0) break;
    drop(wk, wi);
    build();
  }

  // 2. Goldfarb–Idnani dual steps on the structured working set
  v.set(a);
  let t = 0;
  let pk = 0;
  let pi = -1;
  for (let it = 0; it < iterLimit + 1; it++) {
    if (it > 0 && !solve(v, z)) return undefined;
    primal(v, z, y);
    if (pk === 0) {
      // most violated constraint (relative to max a)
      let sum = 0;
      let sd = 0;
      for (let i = 0; i < m; i++) {
        sum += y[i];
        if (d) sd += d[i] * y[i];
      }
      let worst = TOL;
      for (let i = 0; i < m; i++) {
        if (state[i] !== FREE) continue;
        if (-y[i] > worst * amax) {
          worst = -y[i] / amax;
          pk = 1;
          pi = i;
        }
        const over = y[i] - r[i] * sum;
        if (over > worst * amax) {
          worst = over / amax;
          pk = 2;
          pi = i;
        }
      }
      if (G > 0) {
        res.fill(0, 0, G);
        for (let i = 0; i < m; i++) if (grp[i] >= 0) res[grp[i]] += y[i];
        for (let g = 0; g < G; g++) {
          if (sec[g]) continue;
          const over = res[g] - R[g] * sum;
          if (over > worst * amax) {
            worst = over / amax;
            pk = 3;
            pi = g;
          }
        }
      }
      if (d && !ws.sharpe && -sd > worst * amax * dmax) {
        pk = 4;
        pi = 0;
      }
      if (pk === 0) return certify(y, z, sum);
      if (it === iterLimit) return undefined;
      t = 0;
      // gradient of the new constraint, as a vector in a-space
      if (pk === 1) {
        gj.fill(0);
        gj[pi] = 1;
      } else if (pk === 2) {
        gj.fill(r[pi]);
        gj[pi] -= 1;
      } else if (pk === 3) {
        for (let i = 0; i < m; i++) gj[i] = R[pi] - (grp[i] === pi ? 1 : 0);
      } else gj.set(d!);
    }
    // step along the pending constraint's multiplier t: y(t) = EQP(W) with input a + t·g_j
    if (!solve(gj, zD, DPASSES)) return undefined;
    primal(gj, zD, dy);
    const cj = cval(pk, pi, y);
    const sj = cval(pk, pi, dy);
    let gg = 0;
    for (let i = 0; i < m; i++) gg += gj[i] * gj[i];
    const tFull = sj > 1e-12 * gg ? -cj / sj : Number.POSITIVE_INFINITY;
    let tPart = Number.POSITIVE_INFINITY;
    let dk = 0;
    let di = -1;
    const consider = (kind: number, idx: number) => {
      const dmu = multiplier(kind, idx, gj, zD);
      if (dmu >= 0) return;
      const mu = Math.max(0, multiplier(kind, idx, v, z));
      const ratio = mu / -dmu;
      if (ratio < tPart) {
        tPart = ratio;
        dk = kind;
        di = idx;
      }
    };
    for (let i = 0; i < m; i++) if (state[i] !== FREE) consider(state[i] === AT_ZERO ? 1 : 2, i);
    for (let g = 0; g < G; g++) if (sec[g]) consider(3, g);
    if (eta) consider(4, 0);
    if (!(tFull < Number.POSITIVE_INFINITY) && !(tPart < Number.POSITIVE_INFINITY)) return undefined;
    if (tFull <= tPart) {
      add(pk, pi);
      pk = 0;
      v.set(a);
    } else {
      t += tPart;
      for (let i = 0; i < m; i++) v[i] = a[i] + t * gj[i];
      drop(dk, di);
    }
    build();
  }
  return undefined;
}

/** Gaussian elimination with partial pivoting on the n × n row-major M (destroyed); false if singular. */
function solveDense(M: Float64Array, rhs: Float64Array, z: Float64Array, n: number): boolean {
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(M[k]));
  if (!(scale > 0) || !Number.isFinite(scale)) return false;
  const eps = 1e-14 * scale;
  for (let c = 0; c < n; c++) {
    let piv = c;
    let best = Math.abs(M[c * n + c]);
    for (let row = c + 1; row < n; row++) {
      const v = Math.abs(M[row * n + c]);
      if (v > best) {
        best = v;
        piv = row;
      }
    }
    if (!(best > eps)) return false;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = M[c * n + k];
        M[c * n + k] = M[piv * n + k];
        M[piv * n + k] = t;
      }
      const t = rhs[c];
      rhs[c] = rhs[piv];
      rhs[piv] = t;
    }
    const inv = 1 / M[c * n + c];
    for (let row = c + 1; row < n; row++) {
      const f = M[row * n + c] * inv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) M[row * n + k] -= f * M[c * n + k];
      rhs[row] -= f * rhs[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = rhs[c];
    for (let k = c + 1; k < n; k++) s -= M[c * n + k] * z[k];
    z[c] = s / M[c * n + c];
  }
  for (let c = 0; c < n; c++) if (!Number.isFinite(z[c])) return false;
  return true;
}
