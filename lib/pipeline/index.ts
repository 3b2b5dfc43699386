/** pipeline: the whole notebook-01 chain as one call (CLI and Corrections section), and its views. */
export * from "./article-pipeline";
export * from "./errata";
export * from "./look-ahead";
export * from "./outputs";
export * from "./study";
export * from "./views";
