/** data: data sources (embedded sample, CSV directory), schema validation, monthly membership. */
export * from "./csv";
export * from "./csv-directory";
export * from "./data-dir";
export * from "./dates";
export * from "./fund-returns";
export * from "./fund-sample";
export * from "./generate";
export * from "./membership";
export * from "./quality";
export * from "./requests";
export * from "./source";
export * from "./universe";
