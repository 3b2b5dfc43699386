import assert from "node:assert/strict";
import fc from "fast-check";
import { Matrix, pseudoInverse } from "ml-matrix";
import type { ConstrainedFit, ConstrainedFitProblem } from "../../lib/aila/constrained-weights";

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

/**
 * Non-negative least squares min ‖Ax − b‖ s.t. x ≥ 0 (Lawson–Hanson active set), A given by its
 * columns. Independent of quadprog: least-squares sub-problems via ml-matrix's pseudo-inverse.
 */
export function nnls(cols: number[][], b: number[], maxIter = 500): number[] {
  const n = cols.length;
  const m = b.length;
  const x = new Array<number>(n).fill(0);
  const P = new Set<number>();
  const Ax = (v: number[]) => {
    const r = new Array<number>(m).fill(0);
    for (let j = 0; j < n; j++) if (v[j] !== 0) for (let i = 0; i < m; i++) r[i] += cols[j][i] * v[j];
    return r;
  };
  const lsq = (set: number[]) => {
    const M = new Matrix(m, set.length);
    set.forEach((j, k) => {
      for (let i = 0; i < m; i++) M.set(i, k, cols[j][i]);
    });
    return pseudoInverse(M).mmul(Matrix.columnVector(b)).to1DArray();
  };
  for (let it = 0; it < maxIter; it++) {
    const r = Ax(x).map((v, i) => b[i] - v);
    let best = -1;
    let bestW = 1e-12;
    for (let j = 0; j < n; j++) {
      if (P.has(j)) continue;
      const w = cols[j].reduce((s, c, i) => s + c * r[i], 0);
      if (w > bestW) {
        bestW = w;
        best = j;
      }
    }
    if (best < 0) break;
    P.add(best);
    for (let inner = 0; inner < maxIter; inner++) {
      const set = [...P].sort((p, q) => p - q);
      const z = lsq(set);
      if (z.every((v) => v > 0)) {
        x.fill(0);
        set.forEach((j, k) => {
          x[j] = z[k];
        });
        break;
      }
      let alpha = 1;
      set.forEach((j, k) => {
        if (z[k] <= 0) alpha = Math.min(alpha, x[j] / (x[j] - z[k]));
      });
      set.forEach((j, k) => {
        x[j] += alpha * (z[k] - x[j]);
        if (x[j] <= 1e-15) {
          x[j] = 0;
          P.delete(j);
        }
      });
    }
  }
  return x;
}

/**
 * fast-check fields of a random m-asset constrained-fit case (three sectors): |wU| a, asset caps,
 * sector ids and caps, Sharpe ratios and an optional floor — shared by the KKT and warm-start tests.
 */
export function fitCaseFields(m: number) {
  return {
    a: fc.array(
      fc.integer({ min: 1, max: 500 }).map((k) => k / 1000),
      { minLength: m, maxLength: m },
    ),
    caps: fc.array(
      fc.integer({ min: 5, max: 300 }).map((k) => k / 1000),
      { minLength: m, maxLength: m },
    ),
    sector: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: m, maxLength: m }),
    sectorCaps: fc.array(
      fc.integer({ min: 20, max: 800 }).map((k) => k / 1000),
      { minLength: 3, maxLength: 3 },
    ),
    ...sharpeFields(m),
  };
}

/**
 * Arbitraries of m Sharpe ratios on a 0.01 grid (a subnormal d_i would make feasibility
 * tolerance-dependent) and an optional Sharpe floor.
 */
export function sharpeFields(m: number) {
  return {
    sharpe: fc.array(
      fc.integer({ min: -600, max: 600 }).map((k) => k / 100),
      { minLength: m, maxLength: m },
    ),
    floor: fc.option(
      fc.integer({ min: -100, max: 200 }).map((k) => k / 100),
      { nil: undefined },
    ),
  };
}

/**
 * KKT certificate of a constrained fit, independent of the solvers: the projection y of a onto the
 * ray of the returned weights at the target scale must be feasible, and a − y must be a
 * non-negative combination of the active constraints' outward normals (NNLS residual ≤ 1e-7·|a|).
 */
export function assertKkt(
  c: { a: number[]; caps: number[]; sector: number[]; sectorCaps: number[]; sharpe: number[]; floor?: number },
  r: ConstrainedFit,
) {
  const m = c.a.length;
  const T = Math.min(r.requestedSum, r.maxFeasibleSum);
  const u = Array.from(r.weights);
  const au = u.reduce((s, x, i) => s + x * c.a[i], 0);
  const uu = u.reduce((s, x) => s + x * x, 0);
  const y = u.map((x) => (x * au) / uu);
  const G: number[][] = [];
  for (let i = 0; i < m; i++) G.push(Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  for (let i = 0; i < m; i++) G.push(Array.from({ length: m }, (_, j) => c.caps[i] - (i === j ? T : 0)));
  for (let k = 0; k < 3; k++)
    if (c.sector.includes(k))
      G.push(Array.from({ length: m }, (_, j) => c.sectorCaps[k] - (c.sector[j] === k ? T : 0)));
  if (c.floor !== undefined) G.push(c.sharpe.map((s) => Math.max(-5, Math.min(5, s)) - c.floor!));
  const ny = Math.sqrt(uu) * (au / uu);
  const active: number[][] = [];
  for (const g of G) {
    const ng = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
    const v = g.reduce((s, x, j) => s + x * y[j], 0);
    assert.ok(v >= -1e-9 * ng * ny, `infeasible: ${v}`);
    if (v <= 1e-9 * ng * ny) active.push(g.map((x) => -x));
  }
  const res = c.a.map((x, i) => x - y[i]);
  const mu = nnls(active, res);
  const fitted = active.reduce((acc, g, k) => acc.map((v, i) => v + mu[k] * g[i]), new Array<number>(m).fill(0));
  const err = Math.sqrt(fitted.reduce((s, v, i) => s + (v - res[i]) ** 2, 0));
  const na = Math.sqrt(c.a.reduce((s, x) => s + x * x, 0));
  assert.ok(err <= 1e-7 * na, `stationarity residual ${err} (|a| = ${na})`);
}
