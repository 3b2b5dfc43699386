/**
 * danfojs for the notebooks, loaded quietly.
 *
 * Why a loader: (1) danfojs publishes its entry points only through package.json "exports",
 * which the TypeScript inside tslab (Node10 module resolution) does not read, so
 * `import * as dfd from "danfojs"` fails to compile in a cell; (2) TensorFlow.js, under
 * danfojs, prints an advice banner ("install our node backend") the first time it creates a
 * tensor. `danfo()` switches TensorFlow.js to production mode (which only silences such
 * warnings and skips debug checks) and returns the module with the small typed surface the
 * notebooks use. We use the pure-JavaScript `danfojs` build, not `danfojs-node` (whose install
 * downloads a native TensorFlow binary; see environment.md).
 *
 * Missing values: danfojs stores NaN in numeric columns but reports them as `null` in
 * `.values`; `show` turns such nulls back into NaN.
 */

/** The part of a danfojs DataFrame the notebooks and `show` use. */
export interface DanfoFrame {
  readonly shape: number[];
  readonly columns: string[];
  readonly index: (string | number)[];
  readonly values: unknown[][];
  readonly dtypes: string[];
  head(n?: number): DanfoFrame;
  tail(n?: number): DanfoFrame;
  column(name: string): { values: unknown[] };
  // Every other danfojs method stays available, untyped (danfojs' own types are unreachable here).
  // biome-ignore lint/suspicious/noExplicitAny: see above
  [key: string]: any;
}

export interface DanfoModule {
  DataFrame: new (data: unknown, options?: { columns?: string[]; index?: (string | number)[] }) => DanfoFrame;
  Series: new (data: unknown[], options?: { index?: (string | number)[] }) => unknown;
  [key: string]: unknown;
}

let cached: DanfoModule | undefined;

/** The danfojs module, with TensorFlow.js's console advice switched off. */
export function danfo(): DanfoModule {
  if (!cached) {
    (require("@tensorflow/tfjs-core") as { enableProdMode(): void }).enableProdMode();
    cached = require("danfojs") as DanfoModule;
  }
  return cached;
}
