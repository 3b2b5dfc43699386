/**
 * The worker-thread task of {@link expandingWindowParallel}: one month's fit and prediction
 * ({@link monthFit}). Loaded by its piscina pool (one module per thread) from the file next to
 * expanding-window.ts: this .ts under tsx, month-fit-task.js in lib/dist.
 */
import { type MonthFitTask, monthFit } from "./expanding-window";

export default function monthFitTask(task: MonthFitTask): number[] {
  return monthFit(task);
}
