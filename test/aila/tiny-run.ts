/**
 * A hand-made AilaResult for report and figure tests: assets A (energy), B (metals), C (energy),
 * sector caps 0.5 and 0.25, four index days in three ISO weeks (Fri 2023-12-29 | Thu 2024-01-04,
 * Fri 2024-01-05 | Mon 2024-01-08). Matrices [day][asset]; most weights are
 * binary fractions, so that sums of them are exact.
 */
import { type AilaResult, resolveAilaParams } from "../../lib/aila/aila-index";

export const rows = (m: number[][]) => m.map((r) => Float64Array.from(r));

/** Assets A (energy), B (metals), C (energy); sector caps 0.5 and 0.25. Matrices [day][asset]. */
export function tinyRun(): AilaResult {
  const dates = ["2023-12-29", "2024-01-04", "2024-01-05", "2024-01-08"];
  const zeros = () => rows(dates.map(() => [0, 0, 0]));
  return {
    dates,
    ids: ["A", "B", "C"],
    sectorNames: ["energy", "metals"],
    sector: Int32Array.from([0, 1, 0]),
    sectorCaps: Float64Array.from([0.5, 0.25]),
    params: resolveAilaParams(),
    vol: zeros(),
    ttx: zeros(),
    toYearEnd: zeros(),
    rolls: dates.map(() => new Uint8Array(3)),
    wU: zeros(),
    wC: rows([
      [0, 0, 0],
      [0.25, -0.125, 0.125],
      [0.375, -0.25, 0],
      [0.125, 0.1234567, -0.25],
    ]),
    wT: rows([
      [0, 0, 0],
      [0.25, -0.125, 0.125],
      [0.375, 0, 0],
      [0.125, 0, -0.25],
    ]),
    wA: rows([
      [0, 0, 0],
      [0.25, -0.125, 0.125],
      [0.375, -0.25, 0],
      [0.125, 0, -0.25],
    ]),
    sharpe: zeros(),
    rebalancingCaps: zeros(),
    assetCaps: rows([
      [0.5, 0.5, 0.5],
      [0.25, 0.5, 0.5],
      [0.5, 0.25, 0.5],
      [0.125, 0.5, 0.25],
    ]),
    fits: [],
    scale: new Float64Array(4),
    nEff: new Float64Array(4),
    level: Float64Array.from([100, 101.23456, 99.5, 103.0004]),
    pnl: new Float64Array(4),
    costs: new Float64Array(4),
    equalWeightLevel: Float64Array.from([100, 100.5, 100.25, 99.87654]),
    equalWeight: zeros(),
    biasDays: 0,
    biasCorrelationBefore: new Float64Array(4),
    biasCorrelationAfter: new Float64Array(4),
    biasReasons: {},
  };
}
