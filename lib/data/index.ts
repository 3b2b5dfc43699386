/**
 * data: data sources (embedded sample, CSV directory), schema validation, monthly membership.
 * The generators of the embedded data sets are in lib/sample.
 */
export * from "./csv";
export * from "./csv-directory";
export * from "./data-dir";
export * from "./dates";
export * from "./fund-returns";
export * from "./membership";
export * from "./quality";
export * from "./requests";
export * from "./source";
