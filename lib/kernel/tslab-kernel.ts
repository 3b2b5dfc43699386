/**
 * The project's Jupyter kernel: tslab 1.0.22 (its compiler, executor and ZeroMQ server, loaded
 * from node_modules) with four changes made from outside, since tslab offers no options for them:
 *
 * 1. **Errors are Jupyter errors.** tslab prints a failing cell's exception (or its compile
 *    errors) as stderr text and replies `status: "error"` with nothing else, so Jupyter clients
 *    know no error name or message (nbconvert's CellExecutionError said `<Error>:`). Here the
 *    failure is sent as an `error` message (ename, evalue, traceback) on iopub and repeated in
 *    the execute_reply, as the messaging protocol asks; nothing goes to stderr.
 * 2. **Tracebacks point at what the user wrote.** Each cell's code runs under the file name
 *    `<cell N>` (N: its execution count) with source maps from both of tslab's compile steps, so
 *    frames show the cell's own line and column; lib/ frames show `lib/…/*.ts` through the source
 *    maps of lib/dist; frames of dependencies and of Node.js / tslab internals are trimmed from the
 *    traceback (`err.stack` read in a cell keeps every frame, mapped). See stack.ts.
 * 3. **`stop_on_error: false` is honoured.** After an error tslab aborts every request that
 *    arrives within 200 ms (`nbconvert --allow-errors` lost the cells after a failing one); that
 *    now happens only for requests with `stop_on_error` true, as in ipykernel.
 * 4. **Stable kernel metadata.** kernel_info reports `language_info.version` as the TypeScript
 *    version tslab compiles with (5.0.4), not tslab's hard-coded "3.7.2", so the metadata
 *    frontends copy into a notebook equals what the committed notebooks carry (lib/notebook/
 *    ipynb.ts `TSLAB_METADATA`): opening a notebook no longer marks it modified, and saving it
 *    changes nothing.
 *
 * Usage (what the kernelspec written by `lib/cli/install-kernel.ts` runs):
 *   node lib/dist/kernel/tslab-kernel.js kernel --config-path <connection file> [--js]
 */
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { format } from "node:util";
import vm from "node:vm";
import {
  type CallSiteLike,
  CellMaps,
  cells,
  internalFolders,
  prepareStackTrace,
  splitInlineSourceMap,
  stripSourceMapUrl,
  trimStack,
} from "./stack";

type Fn = (...args: unknown[]) => unknown;
type Bag = Record<string, unknown>;

/** Where tslab lives: the copy installed with this project. */
export const TSLAB_DIR = dirname(require.resolve("tslab/package.json"));
const tslabRequire = createRequire(join(TSLAB_DIR, "dist", "main.js"));

/** The TypeScript version tslab compiles cells with (its bundled `@tslab/typescript-for-tslab`). */
export function tslabTypeScriptVersion(): string {
  return (tslabRequire("@tslab/typescript-for-tslab/package.json") as { version: string }).version;
}

/** The failure of the cell being executed, recorded by the executor's console. */
interface Failure {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** What a failing cell reports: an exception's name, message and trimmed stack. */
export function failureOfThrown(e: unknown): Failure {
  if (e instanceof Error || (typeof e === "object" && e !== null && "stack" in e && "message" in e)) {
    const err = e as Error;
    const stack = typeof err.stack === "string" && err.stack ? err.stack : `${err.name}: ${err.message}`;
    return { ename: String(err.name ?? "Error"), evalue: String(err.message ?? ""), traceback: trimStack(stack) };
  }
  const text = format("%o", e);
  return { ename: "Uncaught", evalue: text, traceback: [`Uncaught ${text}`] };
}

/** What a cell that does not compile reports: tslab's "LINE:COLUMN - message" lines. */
export function failureOfDiagnostics(lines: string[]): Failure {
  return {
    ename: "TypeScript",
    evalue: lines[0] ?? "",
    traceback: lines.length > 1 ? [`${lines.length} compile errors:`, ...lines] : lines,
  };
}

let currentCell = 0;

/**
 * Patch the TypeScript module tslab loads, before tslab loads it: its watch program emits an
 * inline source map with every cell's ES module, and its ES-module-to-CommonJS step
 * (`transpileModule` of "custom.js") emits a map too; both are taken off the code and kept, by
 * the final code, for the `vm` hook below.
 */
const compiled = new Map<string, CellMaps>();

function patchTypeScript(): void {
  const tsPath = tslabRequire.resolve("@tslab/typescript-for-tslab");
  const ts = tslabRequire(tsPath) as Bag;
  const shim: Bag = {};
  for (const k of Object.keys(ts))
    Object.defineProperty(shim, k, { enumerable: true, configurable: true, get: () => ts[k] });
  const createWatchCompilerHost = ts.createWatchCompilerHost as Fn;
  const transpileModule = ts.transpileModule as Fn;
  Object.defineProperty(shim, "createWatchCompilerHost", {
    enumerable: true,
    value: (rootFiles: unknown, options: Bag, ...rest: unknown[]) =>
      createWatchCompilerHost(rootFiles, { ...options, inlineSourceMap: true }, ...rest),
  });
  Object.defineProperty(shim, "transpileModule", {
    enumerable: true,
    value: (input: string, opts: { fileName?: string; compilerOptions?: Bag }) => {
      if (opts?.fileName !== "custom.js") return transpileModule(input, opts);
      const { code, map: toSource } = splitInlineSourceMap(input);
      const out = transpileModule(code, {
        ...opts,
        compilerOptions: { ...opts.compilerOptions, sourceMap: true },
      }) as { outputText: string; sourceMapText?: string };
      const outputText = stripSourceMapUrl(out.outputText);
      if (compiled.size > 200) compiled.clear();
      const toModule = out.sourceMapText ? JSON.parse(out.sourceMapText) : undefined;
      compiled.set(outputText, new CellMaps(toModule, toSource, 1));
      return { ...out, outputText };
    },
  });
  const cached = require.cache[tsPath];
  if (!cached) throw new Error(`tslab's TypeScript (${tsPath}) did not load`);
  cached.exports = shim;
}

/** tslab's executor wraps a cell's code thus before `vm.runInThisContext` (executor.js). */
const WRAPPED =
  /^(\(async function\(exports, require\) \{ |\(function\(exports, require\) \{ )([\s\S]*)\n\}\)\(__tslab__\.exports, __tslab__\.require\)$/;

function patchVm(): void {
  const run = vm.runInThisContext;
  const patched = (code: string, options?: vm.RunningScriptOptions | string) => {
    if (typeof code === "string" && typeof options === "object" && options?.breakOnSigint && !options.filename) {
      const m = WRAPPED.exec(code);
      if (m) {
        const filename = `<cell ${currentCell}>`;
        const maps = compiled.get(m[2]);
        const wrapperLine = code.split("\n").length;
        if (maps) cells.set(filename, { maps, firstLineOffset: m[1].length, wrapperLine });
        // displayErrors: false — no "<cell N>:L / source line / ^" preamble in front of err.stack.
        return run.call(vm, code, { ...options, filename, displayErrors: false });
      }
    }
    return run.call(vm, code, options);
  };
  (vm as unknown as Bag).runInThisContext = patched;
}

interface Handler {
  execCount: number;
  execQueue: { add(fn: () => Promise<unknown>): Promise<unknown>; reset(delay?: number): void };
  handleKernel(): Bag;
  handleExecuteImpl(req: Bag, writeStream: Fn, writeDisplayData: Fn): Promise<{ count: number }>;
}

/** Start the kernel (what tslab's `startKernel` does, with the changes listed above). */
export function startKernel(configPath: string, jsKernel: boolean): void {
  process.setSourceMapsEnabled(true);
  // This kernel's own frames, as compiled (lib/dist/kernel) and as source-mapped (lib/kernel).
  internalFolders.push(`${__dirname}${sep}`, `${join(__dirname, "..", "..", "kernel")}${sep}`);
  Error.prepareStackTrace = (err: Error, sites: NodeJS.CallSite[]) =>
    prepareStackTrace(err, sites as unknown as CallSiteLike[]);
  patchTypeScript();
  patchVm();
  const { createConverter } = tslabRequire("./converter") as { createConverter: (o: Bag) => { close(): void } };
  const { createExecutor } = tslabRequire("./executor") as {
    createExecutor: (root: string, convs: unknown, console: { log: Fn; error: Fn }) => { interrupt(): void };
  };
  const jupyter = tslabRequire("./jupyter") as {
    JupyterHandlerImpl: new (executor: unknown, isJs: boolean) => Handler;
    ZmqServer: new (handler: unknown, configPath: string) => { init(): Promise<void> };
  };
  const { TaskCanceledError } = tslabRequire("./util") as { TaskCanceledError: new () => Error };

  let node: { close(): void } | undefined;
  let browser: { close(): void } | undefined;
  const convs = {
    get node() {
      node ??= createConverter({ isJS: jsKernel, isBrowser: false });
      return node;
    },
    get browser() {
      browser ??= createConverter({ isJS: jsKernel, isBrowser: true });
      return browser;
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
  void convs.node; // warm the converter, as tslab does

  // The executor reports failures through this console: an exception (console.error(e)) or compile
  // errors (console.error("%s%d:%d - %s", file, line, column, message), one call per diagnostic).
  let recording: { thrown?: { value: unknown }; diagnostics: string[]; other: unknown[][] } | undefined;
  const executorConsole = {
    log: console.log,
    error: (...args: unknown[]) => {
      if (!recording) return console.error(...args);
      if (args[0] === "%s%d:%d - %s") recording.diagnostics.push(format(...args));
      else if (args.length === 1 && recording.thrown === undefined) recording.thrown = { value: args[0] };
      else recording.other.push(args);
    },
  };
  const executor = createExecutor(process.cwd(), convs, executorConsole);

  class Kernel extends jupyter.JupyterHandlerImpl {
    override handleKernel(): Bag {
      const reply = super.handleKernel();
      const info = reply.language_info as Bag;
      if (!jsKernel) info.version = tslabTypeScriptVersion();
      return reply;
    }

    override async handleExecuteImpl(req: Bag, writeStream: Fn, writeDisplayData: Fn): Promise<{ count: number }> {
      currentCell = this.execCount + 1;
      return super.handleExecuteImpl(req, writeStream, writeDisplayData);
    }

    async handleExecuteWithErrors(
      req: Bag,
      writeStream: Fn,
      writeDisplayData: Fn,
      writeError: (f: Failure) => void,
    ): Promise<Bag> {
      let status = "ok";
      let count: number | undefined;
      let failure: Failure | undefined;
      try {
        const r = await this.execQueue.add(async () => {
          recording = { diagnostics: [], other: [] };
          try {
            return await this.handleExecuteImpl(req, writeStream, writeDisplayData);
          } catch (e) {
            const rec = recording;
            failure = rec.thrown
              ? failureOfThrown(rec.thrown.value)
              : rec.diagnostics.length
                ? failureOfDiagnostics(rec.diagnostics)
                : undefined;
            throw e;
          } finally {
            const rec = recording;
            recording = undefined;
            // Output the executor printed that is not the failure (module diagnostics of a
            // `//@module` cell, which still succeeds) goes to stderr as tslab would print it.
            if (!failure) {
              for (const d of rec.diagnostics) console.error(d);
              if (rec.thrown) console.error(rec.thrown.value);
            }
            for (const o of rec.other) console.error(...o);
          }
        });
        count = (r as { count: number }).count;
      } catch (e) {
        if (e instanceof TaskCanceledError) status = "abort";
        else {
          status = "error";
          const c = (e as { count?: unknown }).count;
          if (typeof c === "number") count = c;
          else {
            failure ??= failureOfThrown(e);
          }
        }
        if (status === "error") {
          // ipykernel aborts the requests queued behind a failure only when they ask for it;
          // tslab aborted everything arriving within 200 ms.
          if (req.stop_on_error === false) this.execQueue.reset();
          else this.execQueue.reset(200);
        }
      }
      if (status === "error") {
        failure ??= { ename: "Error", evalue: "the cell failed", traceback: ["the cell failed"] };
        writeError(failure);
        return { status, execution_count: count, ...failure };
      }
      return { status, execution_count: count };
    }
  }

  class Server extends jupyter.ZmqServer {
    // tslab's ZmqServer.handleExecute with an error channel (see Kernel.handleExecuteWithErrors).
    async handleExecute(sock: unknown, msg: ZmqMessage): Promise<void> {
      const self = this as unknown as { connInfo: { key: string }; iopub: unknown; handler: Kernel };
      const send = (type: string, content: Bag) => {
        const m = msg.createReply();
        m.header.msg_type = type;
        m.content = content;
        m.signAndSend(self.connInfo.key, self.iopub);
      };
      const content = await self.handler.handleExecuteWithErrors(
        msg.content,
        (name: unknown, text: unknown) => send("stream", { name, text }),
        (data: unknown, update: unknown) => send(update ? "update_display_data" : "display_data", data as Bag),
        (f) => send("error", { ...f }),
      );
      const reply = msg.createReply();
      reply.header.msg_type = "execute_reply";
      reply.content = content;
      reply.signAndSend(self.connInfo.key, sock);
    }
  }

  const server = new Server(new Kernel(executor, jsKernel), configPath);
  process.on("SIGINT", () => executor.interrupt());
  process.on("uncaughtException", (err) => console.error("UncaughtException:", err));
  process.on("unhandledRejection", (reason) => console.error("UnhandledPromiseRejection:", reason));
  void server.init();
}

interface ZmqMessage {
  content: Bag;
  createReply(): {
    header: { msg_type: string };
    content: Bag;
    signAndSend(key: string, sock: unknown): void;
  };
}

/** Command line: `kernel --config-path <file> [--js]`, as tslab's own (what kernelspecs run). */
export function main(argv: string[]): void {
  const at = argv.indexOf("--config-path");
  const configPath = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith("--config-path="))?.slice(14);
  if (argv[0] !== "kernel" || !configPath) {
    process.stderr.write("usage: tslab-kernel kernel --config-path <connection file> [--js]\n");
    process.exit(2);
  }
  startKernel(configPath, argv.includes("--js"));
}

if (require.main === module) main(process.argv.slice(2));
