/**
 * Typed access to `quadprog` (Goldfarb–Idnani dual active-set method for strictly convex QPs,
 * a JavaScript port of the Fortran/R package):
 *
 *   minimise ½ xᵀDx − dᵀx   subject to   Aᵀx ≥ b, the first `meq` constraints as equalities.
 *
 * The API is 1-based like the Fortran original: element 0 of every array (and row 0 of every
 * matrix) is ignored; `Amat` is n × q with one constraint per COLUMN. D must be positive definite;
 * `factorized = [0, 1]` tells the solver that `Dmat` already holds R⁻¹ with D = RᵀR (for D = I that
 * is I itself, which skips the Cholesky factorisation). The solver overwrites `Dmat` and `dvec`.
 */
import { createRequire } from "node:module";

export interface QuadprogResult {
  /** 1-based solution vector (absent when `message` is set). */
  solution?: number[];
  /** 1-based Lagrange multipliers, one per constraint. */
  Lagrangian?: number[];
  value?: number[];
  iterations?: number[];
  iact?: number[];
  /** Non-empty when the problem is inconsistent or D is not positive definite. */
  message: string;
}

type SolveQP = (
  Dmat: number[][],
  dvec: number[],
  Amat: number[][],
  bvec: number[],
  meq?: number,
  factorized?: number[],
) => QuadprogResult;

const load = createRequire(__filename);
const quadprog = load("quadprog") as { solveQP: SolveQP };

/** `quadprog.solveQP` with a typed signature (see module comment for the 1-based layout). */
export const solveQP: SolveQP = (Dmat, dvec, Amat, bvec, meq = 0, factorized = [0, 0]) =>
  quadprog.solveQP(Dmat, dvec, Amat, bvec, meq, factorized);
