/**
 * The public surface of `@factor-index/lib`, imported by the notebooks as
 * `import { show, plot, data, factors, ... } from "@factor-index/lib"`.
 *
 * Each area is a namespace named after its folder; the display helpers are also exported at the
 * top level because every notebook cell uses them.
 */
import * as aila from "./aila";
import * as allocation from "./allocation";
import * as backtest from "./backtest";
import * as data from "./data";
import * as factors from "./factors";
import * as features from "./features";
import * as model from "./model";
import * as notebook from "./notebook";
import * as pipeline from "./pipeline";
import * as research from "./research";
import * as sample from "./sample";
import * as statistics from "./statistics";
import * as validation from "./validation";

export { type DanfoFrame, danfo } from "./notebook/danfo";
export type { Figure, ProgressLine, ShowOptions, Tabular } from "./notebook/display";
export { figureBundle, markdown, plot, progressLine, show, tableBundle } from "./notebook/display";
export { matrixTable } from "./notebook/tables";
export {
  aila,
  allocation,
  backtest,
  data,
  factors,
  features,
  model,
  notebook,
  pipeline,
  research,
  sample,
  statistics,
  validation,
};
