/**
 * Seeded random numbers for data generators, tests and benchmarks — never `Math.random`.
 *
 * The generator is xoroshiro128+ from `pure-rand` (64-bit state, period 2^128 − 1); uniform
 * doubles use 53 random bits (pure-rand's `uniformFloat64`), normals the Box–Muller transform
 * (both values of a pair are used, in order). The same seed gives the same sequence on every
 * machine and Node.js version, which is what makes `npm run data:generate` byte-reproducible.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Uniform integer on [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Student-t with `df` degrees of freedom (fat tails), scaled to unit variance when df > 2. */
  studentT(df: number): number;
  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(xs: readonly T[]): T[];
}

/** A seeded generator; `seed` is any 32-bit integer. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new Error(`createRng: seed must be an integer, got ${seed}`);
  const g = xoroshiro128plus(seed | 0);
  let spare: number | undefined;
  const uniform = () => uniformFloat64(g);
  const normal = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    uniform,
    int: (lo, hi) => uniformInt(g, lo, hi),
    normal,
    studentT(df) {
      // t = Z / sqrt(ChiSq(df)/df), ChiSq as a sum of squared normals (df is small and integer here).
      const k = Math.max(1, Math.round(df));
      let chi = 0;
      for (let i = 0; i < k; i++) chi += normal() ** 2;
      const t = normal() / Math.sqrt(chi / k);
      return k > 2 ? t / Math.sqrt(k / (k - 2)) : t;
    },
    shuffle(xs) {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = uniformInt(g, 0, i);
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a;
    },
  };
  return rng;
}
