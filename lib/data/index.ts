/** data: data sources (embedded sample, CSV directory), schema validation, monthly membership. */
export * from "./source";
