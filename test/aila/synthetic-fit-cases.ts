import type { ConstrainedFitProblem } from "../../lib/aila/constrained-weights";
import { createRng } from "../../lib/random";

/**
 * The scaled synthetic case of bench/constrained-fit.bench.ts: n assets × days (seed 7), ~85 %
 * active, 8 sector caps of 15–30 %, asset caps 0.5–6 %, persistent Sharpe ratios, floor 0.3.
 * wU and caps are redrawn every day (consecutive days share little of their active sets).
 */
export function scaledFitCases(n = 100, days = 5000): ConstrainedFitProblem[] {
  const rng = createRng(7);
  const K = 8;
  const sector = Int32Array.from({ length: n }, (_, i) => i % K);
  const sectorCaps = Float64Array.from({ length: K }, () => 0.15 + 0.15 * rng.uniform());
  const baseCap = Float64Array.from({ length: n }, () => 0.01 + 0.03 * rng.uniform());
  const sr = Float64Array.from({ length: n }, () => rng.normal());
  const out: ConstrainedFitProblem[] = [];
  for (let d = 0; d < days; d++) {
    const wU = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      wU[i] = u < 0.15 ? 0 : (u < 0.6 ? 1 : -1) * (0.005 + 0.03 * rng.uniform());
      sr[i] = 0.98 * sr[i] + 0.2 * rng.normal();
    }
    out.push({
      wU,
      assetCaps: Float64Array.from(baseCap, (c) => c * (0.5 + rng.uniform())),
      sector,
      sectorCaps,
      sharpe: Float64Array.from(sr),
      sharpeFloor: 0.3,
    });
  }
  return out;
}
