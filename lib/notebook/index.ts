/** Notebook display helpers (the runner, comparison and export live beside them, for the CLI). */

export * from "./danfo";
export * from "./display";
export * from "./table-format";
export * from "./tables";
