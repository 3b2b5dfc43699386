/**
 * The public surface of `@factor-index/lib`, imported by the notebooks as
 * `import { show, plot, data, factors, ... } from "@factor-index/lib"`.
 *
 * Each area is a namespace named after its folder; the display helpers are also exported at the
 * top level because every notebook cell uses them.
 */

export * as aila from "./aila";
export * as allocation from "./allocation";
export * as backtest from "./backtest";
export * as data from "./data";
export * as factors from "./factors";
export * as features from "./features";
export * as model from "./model";
export * as notebook from "./notebook";
export { type DanfoFrame, danfo } from "./notebook/danfo";
export type { Figure, ProgressLine, ShowOptions, Tabular } from "./notebook/display";
export { figureBundle, markdown, plot, progressLine, show, tableBundle } from "./notebook/display";
export { matrixTable } from "./notebook/tables";
export * as pipeline from "./pipeline";
export * as research from "./research";
export * as sample from "./sample";
export * as statistics from "./statistics";
export * as validation from "./validation";
