/**
 * A second thread for one booster fit at a time: in each boosting round the trees of the classes
 * are independent once the round's gradients are known (xgboost grows them one after the other
 * from the same gradient matrix), so this thread grows some classes' trees while the calling
 * thread grows the others. For the fits that must run one after the other — RFE's, whose every
 * step needs the previous step's importances — this is the only way to use a second core.
 *
 * Protocol (all in shared memory, so that neither thread needs the other's event loop; the calling
 * thread blocks in `Atomics.wait`, which Node allows on the main thread):
 * 1. `start()` creates the worker; it sets `state[READY]` once its module is loaded. Until then
 *    (and after any failure) `available` is false and fits run on the calling thread alone.
 * 2. Per fit the caller posts the data and the shared buffers (gradients, hessians, margins, one
 *    tree slot per class).
 * 3. Per round r the caller writes the gradients of all classes and the order of the classes
 *    (largest previous tree first), resets the class counter and stores r + 1 in `round`. Both
 *    threads then take classes in that order from the counter one at a time and
 *    grow their trees (the same TreeBuilder code on the same numbers, so the same trees bit for
 *    bit), each adding its trees to their classes' margin columns; the worker writes its trees to
 *    their classes' slots and, when the counter is exhausted, stores r + 1 in `done`. The caller
 *    waits for `done` and reads the worker's trees. Each class's margins are written by one
 *    thread per round, and the next round's gradients are computed after `done`.
 *
 * The trees, their order and the margins are those of the single-threaded fit; the test
 * test/model/booster-helper.test.ts compares whole models. A worker error is stored in the
 * state (and printed by the worker); the caller then throws, and the fits after it run alone.
 */
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";

/** state[] slots: worker loaded, error seen (its message goes through postMessage). */
export const READY = 0;
export const FAILED = 1;
/**
 * control[] slots of one fit: the round published by the caller, the round finished by the
 * worker, the next class to claim in the current round.
 */
export const ROUND = 0;
export const DONE = 1;
export const CLAIM = 2;

/** The shared buffers of one fit (see the module comment). */
export interface SharedFit {
  control: SharedArrayBuffer;
  /** Int32 × groups: the order in which this round's classes are claimed (set by the caller). */
  order: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  hess: SharedArrayBuffer;
  margins: SharedArrayBuffer;
  /** Per class slot, maxNodes entries each: [numNodes, left…, right…, parent…, splitIndex…, defaultLeft…]. */
  treeInts: SharedArrayBuffer;
  /** Per class slot: [splitConditions…, baseWeights…, lossChanges…, sumHessian…]. */
  treeFloats: SharedArrayBuffer;
}

/**
 * A share of an expanding window's months for the worker (see expanding-window.ts
 * `fitClaimedMonths`): it fits months from the shared counter until none is left, then stores 1
 * in `done[0]`.
 */
export interface HelperMonthsMessage {
  kind: "months";
  task: import("./expanding-window").MonthClaimTask;
  done: SharedArrayBuffer;
}

/** What the worker receives per fit. */
export interface HelperFitMessage {
  kind: "fit";
  x: Float32Array;
  nRows: number;
  nCols: number;
  labels: Float64Array;
  weights: Float32Array | null;
  params: import("./booster-exact").BoosterParams;
  screen: boolean;
  shared: SharedFit;
}

/**
 * Waits until control[slot] = value: a short spin first (a round's hand-over takes tens of
 * microseconds, less than a sleeping thread needs to wake up), then `Atomics.wait` in 200 ms
 * steps, calling `check` (which may throw) after each; throws after `timeoutMs` (default: never).
 */
export function waitForValue(
  control: Int32Array,
  slot: number,
  value: number,
  check?: () => void,
  timeoutMs = Number.POSITIVE_INFINITY,
): void {
  for (let spin = 0; spin < 20_000; spin++) if (Atomics.load(control, slot) === value) return;
  const start = Date.now();
  for (let v = Atomics.load(control, slot); v !== value; v = Atomics.load(control, slot)) {
    check?.();
    if (Date.now() - start > timeoutMs) throw new Error(`booster helper thread: no answer in ${timeoutMs} ms`);
    Atomics.wait(control, slot, v, 200);
  }
}

/** A worker thread that grows some of each round's trees (see the module comment). */
export class BoosterHelper {
  private readonly worker: Worker;
  private readonly state: Int32Array;
  private closed = false;

  private constructor() {
    const stateBuffer = new SharedArrayBuffer(8);
    this.state = new Int32Array(stateBuffer);
    const ext = path.extname(__filename) || ".js";
    const file = path.join(__dirname, `booster-helper-worker${ext}`);
    // a .ts entry (running under tsx) needs tsx's require hook in the thread; lib/dist is plain .js
    const hook = ext === ".ts" ? `require(${JSON.stringify(require.resolve("tsx/cjs"))});` : "";
    this.worker = new Worker(`${hook}require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: { state: stateBuffer },
    });
    // the calling thread may be blocked in Atomics.wait: the worker reports failures in `state`
    // itself (and prints them); this listener only keeps an early load error from being unhandled
    this.worker.on("error", () => Atomics.store(this.state, FAILED, 1));
    this.worker.unref();
  }

  /** Starts a helper thread, or returns null on a single-core machine. */
  static start(): BoosterHelper | null {
    return availableParallelism() > 1 ? new BoosterHelper() : null;
  }

  /** Whether the thread has loaded and nothing has failed (fits before that run alone). */
  get available(): boolean {
    return !this.closed && Atomics.load(this.state, READY) === 1 && Atomics.load(this.state, FAILED) === 0;
  }

  /** Posts one fit's data (the rounds are then driven through `shared.control`) or a share of months. */
  post(message: HelperFitMessage | HelperMonthsMessage): void {
    this.worker.postMessage(message);
  }

  /**
   * Waits (without blocking the event loop) until `done[0]` = 1, i.e. the worker has fitted its
   * share of the months; rejects if the worker failed.
   */
  async waitMonths(done: Int32Array): Promise<void> {
    while (Atomics.load(done, 0) !== 1) {
      if (Atomics.load(this.state, FAILED) === 1)
        throw new Error("booster helper thread failed (see its message on stderr)");
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
  }

  /**
   * Blocks until the worker has finished round `round` (control[DONE] = round + 1); throws if the
   * worker failed (its error is on stderr) or has not answered for `timeoutMs`.
   */
  waitRound(control: Int32Array, round: number, timeoutMs = 120_000): void {
    this.waitSlot(control, DONE, round + 1, timeoutMs);
  }

  private waitSlot(control: Int32Array, slot: number, value: number, timeoutMs: number): void {
    waitForValue(
      control,
      slot,
      value,
      () => {
        if (Atomics.load(this.state, FAILED) === 1)
          throw new Error("booster helper thread failed (see its message on stderr)");
      },
      timeoutMs,
    );
  }

  /** Ends the thread; the helper is then never available again. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}
