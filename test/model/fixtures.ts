/** Shared loader for the committed model fixtures (JSON null → NaN). Not a test file itself. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(__dirname, "..", "fixtures", "model");

export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as T;
}

/** Nested rows with null for missing → number rows with NaN. */
export function rows(x: (number | null)[][]): number[][] {
  return x.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
}

export interface ParityCase {
  name: string;
  numClass: number;
  /** xgboost hyper-parameters other than the defaults (Python names). */
  params?: Record<string, number>;
  X: (number | null)[][];
  y: number[];
  sampleWeight: number[] | null;
  Xtest: (number | null)[][];
  probaTrain: number[][];
  probaTest: number[][];
  predictTest: number[];
  importances: number[];
}

export function maxAbsDiff(a: number[][], b: number[][]): number {
  let m = 0;
  for (let r = 0; r < a.length; r++) for (let c = 0; c < a[r].length; c++) m = Math.max(m, Math.abs(a[r][c] - b[r][c]));
  return m;
}

/** xgboost's Python parameter names → ClassifierOptions. */
export function optionsFromPython(params: Record<string, number> = {}): Record<string, number> {
  const names: Record<string, string> = {
    gamma: "gamma",
    min_child_weight: "minChildWeight",
    max_depth: "maxDepth",
    reg_lambda: "regLambda",
    learning_rate: "learningRate",
    n_estimators: "nEstimators",
  };
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!(k in names)) throw new Error(`fixture parameter ${k} has no ClassifierOptions name`);
    out[names[k]] = v;
  }
  return out;
}
