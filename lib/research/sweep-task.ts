/**
 * The worker-thread task of a sweep: runs one configuration and returns its results.jsonl line.
 * Loaded by the piscina pool of sweep-run.ts (one module per thread) from the file next to the
 * module that starts the pool — `sweep-task.ts` under tsx (the thread inherits tsx's loader
 * through `process.execArgv`), `sweep-task.js` in the built package lib/dist.
 *
 * Each thread opens a data folder once and keeps it (a Map by folder; `undefined` = the default
 * of `openDataSource`: $FACTOR_DATA_DIR, else the embedded sample). Returning the serialised line
 * rather than an object makes the local pool and the BullMQ workers go through one serialisation,
 * so their result rows are byte for byte the same.
 */

import type { DataSource } from "../data/schema";
import { openDataSource } from "../data/source";
import { runConfiguration, type SweepConfiguration } from "./sweep";
import { resultToJsonLine } from "./sweep-files";

/** What the pool sends to a thread. */
export interface SweepTaskInput {
  config: Pick<SweepConfiguration, "id" | "params" | "study">;
  /** Data folder; undefined = `openDataSource()`'s default. */
  dataDir?: string;
}

const sources = new Map<string, DataSource>();

/** Runs one configuration in this thread; returns its results.jsonl line (with the newline). */
export default function sweepTask(input: SweepTaskInput): string {
  const key = input.dataDir ?? "";
  let source = sources.get(key);
  if (!source) {
    source = openDataSource(input.dataDir !== undefined ? { dir: input.dataDir } : {});
    sources.set(key, source);
  }
  return resultToJsonLine(runConfiguration(source, input.config));
}
