/**
 * The thread of {@link BoosterHelper}: loads the booster, says so in the shared state, then grows
 * its classes' trees for each fit it is posted ({@link helperFit}), or fits its share of an
 * expanding window's months. A failure is printed and
 * stored in the state, where the blocked calling thread sees it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { helperFit } from "./booster-exact";
import { FAILED, type HelperFitMessage, type HelperMonthsMessage, READY } from "./booster-helper";
import { fitClaimedMonths } from "./expanding-window";

const state = new Int32Array(workerData.state as SharedArrayBuffer);
parentPort?.on("message", async (m: HelperFitMessage | HelperMonthsMessage) => {
  try {
    if (m.kind === "fit") helperFit(m);
    else {
      await fitClaimedMonths(m.task);
      const done = new Int32Array(m.done);
      Atomics.store(done, 0, 1);
      Atomics.notify(done, 0);
    }
  } catch (e) {
    console.error("booster helper thread:", e);
    Atomics.store(state, FAILED, 1);
  }
});
Atomics.store(state, READY, 1);
