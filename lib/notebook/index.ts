/** Notebook display helpers (the runner, comparison and export live beside them, for the CLI). */

// danfo: danfojs for the notebooks, loaded quietly.
export { type DanfoFrame, type DanfoModule, danfo } from "./danfo";
// display: Rich display for the notebooks: tables like pandas, plotly figures that draw in every fronten…
export {
  type DanfoLike,
  type Figure,
  type FigureBundleOptions,
  figureBundle,
  markdown,
  markdownBundle,
  type PlotlyBuild,
  type ProgressLine,
  plot,
  plotlyBuildFor,
  plotlyLoaderBundle,
  plotlySource,
  progressLine,
  type ShowOptions,
  show,
  type Tabular,
  tableBundle,
  toTable,
} from "./display";
// table-format: Text and HTML rendering of tables the way pandas shows a DataFrame in a notebook, so that the
export {
  type Cell,
  escapeHtml,
  type FormatOptions,
  formatNumberColumn,
  PANDAS_DEFAULTS,
  setDisplayOptions,
  type TableData,
  tableHtml,
  tableText,
} from "./table-format";
// tables: Table helpers for the notebooks: turn the data structures of lib (labelled matrices) into the
export { matrixTable } from "./tables";
