/**
 * The worker-thread task of {@link expandingWindowParallel}: fit months claimed from the shared
 * counter until none is left ({@link fitClaimedMonths}); returns how many this thread fitted.
 * Loaded by its piscina pool (one module per thread) from the file next to expanding-window.ts:
 * this .ts under tsx, month-fit-task.js in lib/dist.
 */
import { fitClaimedMonths, type MonthClaimTask } from "./expanding-window";

export default function monthFitTask(task: MonthClaimTask): Promise<number> {
  return fitClaimedMonths(task);
}
