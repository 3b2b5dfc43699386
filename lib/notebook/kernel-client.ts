/**
 * A minimal Jupyter client for the tslab kernel, speaking the Jupyter messaging protocol
 * (version 5.3) over ZeroMQ — the same wire protocol JupyterLab and `nbconvert` use, so a
 * notebook executed here runs in the very kernel an analyst uses interactively.
 *
 * Wire format of one message (multipart): `[<IDS|MSG>, hmac, header, parent_header, metadata,
 * content]`, where `hmac` is the hex HMAC-SHA256 of the four JSON frames under the session key.
 * Channels: shell (DEALER; execute_request → execute_reply), iopub (SUB; stream, display_data,
 * update_display_data, execute_result, error, clear_output, status), control (DEALER; shutdown).
 *
 * The kernel runs as a child process started with `node lib/dist/kernel/tslab-kernel.js kernel
 * --config-path <connection file>` (tslab with Jupyter error messages, see `kernelScript`) in the working folder the caller chooses (Jupyter uses the notebook's folder). A cell that
 * exceeds its time limit is interrupted (SIGINT, which tslab maps to `executor.interrupt()`), and
 * the kernel is killed if it does not answer within a grace period. A kernel that exits while a
 * cell runs is reported as crashed with its exit code and the last lines it wrote.
 *
 * Cleanup: the kernel runs in its own process group (so a terminal's Ctrl-C reaches the runner,
 * which decides what the kernel gets: see `stopAllKernels`), and its connection folder (which
 * holds the session's HMAC key) is removed on every exit path — shutdown, a kernel that dies
 * during start-up, and, for kernels still alive when this process exits for any reason, a
 * synchronous `exit` hook that kills them (SIGKILL to the group) and removes their folders.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Dealer, Subscriber } from "zeromq";
import type { MimeBundle, Output } from "./ipynb";

interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

interface Message {
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

export interface ExecuteResult {
  status: "ok" | "error" | "abort";
  executionCount: number | null;
  outputs: Output[];
}

export class KernelTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`cell did not finish within ${seconds} s; the kernel was interrupted and shut down`);
  }
}

export class KernelDiedError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly signal: string | null,
    readonly lastLog: string,
  ) {
    super(
      `the kernel died (exit code ${exitCode ?? "none"}, signal ${signal ?? "none"})${
        lastLog ? `; its last words:\n${lastLog}` : ""
      }`,
    );
  }
}

export interface KernelOptions {
  /** Working folder of the kernel (Jupyter: the notebook's folder). */
  cwd: string;
  /** Seconds to wait for the kernel to start and answer kernel_info. Default 60. */
  startupTimeoutSec?: number;
  /** Extra environment variables for the kernel process. */
  env?: Record<string, string>;
}

/**
 * `n` distinct free TCP ports on 127.0.0.1: all `n` listeners are open at the same time before any
 * is closed, so the system cannot hand the same port out twice (it did, one call at a time: a
 * kernel got the same port for shell and iopub and the runner waited forever).
 */
async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => createServer());
  try {
    const ports = await Promise.all(
      servers.map(
        (srv) =>
          new Promise<number>((resolve, reject) => {
            srv.on("error", reject);
            srv.listen(0, "127.0.0.1", () => {
              const addr = srv.address();
              resolve(typeof addr === "object" && addr !== null ? addr.port : 0);
            });
          }),
      ),
    );
    if (new Set(ports).size !== n || ports.includes(0)) throw new Error(`could not reserve ${n} distinct ports`);
    return ports;
  } finally {
    await Promise.all(servers.map((srv) => new Promise<void>((r) => (srv.listening ? srv.close(() => r()) : r()))));
  }
}

const DELIM = "<IDS|MSG>";

/** Kernels started by this process and not yet shut down. */
const liveKernels = new Set<TslabKernel>();
let exitHookInstalled = false;
let refuseNewKernels: string | undefined;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const k of liveKernels) k.killNow();
  });
}

/**
 * Stop every live kernel of this process, for a runner that received a signal: interrupt the
 * running cell (SIGINT), give it `graceMs` to finish, then shutdown_request, then SIGKILL
 * (`TslabKernel.stop`); connection folders removed. After this call no new kernel can start
 * (`TslabKernel.start` throws with `reason`), so a batch cannot go on to the next notebook.
 */
export async function stopAllKernels(reason: string, graceMs = 2000): Promise<void> {
  refuseNewKernels = reason;
  await Promise.all([...liveKernels].map((k) => k.stop(graceMs)));
}

/** Number of kernels this process has started and not shut down (for tests and diagnostics). */
export function liveKernelCount(): number {
  return liveKernels.size;
}
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Path of the tslab command-line entry installed with this project. */
export function tslabBin(): string {
  return join(dirname(require.resolve("tslab/package.json")), "bin", "tslab");
}

/**
 * Path of the project's kernel, tslab with Jupyter error messages, source-mapped tracebacks and
 * stable kernel metadata (lib/kernel/tslab-kernel.ts), as compiled into lib/dist — the same
 * program the kernelspec of `lib/cli/install-kernel.ts` starts, so the runner and Jupyter run
 * one kernel. Works from lib/notebook (tsx) and lib/dist/notebook alike.
 */
export function kernelScript(): string {
  const here = __dirname;
  const dist = basename(dirname(here)) === "dist" ? dirname(here) : join(dirname(here), "dist");
  const script = join(dist, "kernel", "tslab-kernel.js");
  if (!existsSync(script)) throw new Error(`the kernel ${script} is missing: run \`npm run build\``);
  return script;
}

interface Pending {
  msgId: string;
  outputs: Output[];
  reply?: Record<string, unknown>;
  idle: boolean;
  clearPending: boolean;
  /** display_data outputs of this cell by their transient display_id (for update_display_data). */
  displays: Map<string, Output>;
  done: () => void;
}

export class TslabKernel {
  private readonly key = randomUUID();
  private readonly session = randomUUID();
  private proc?: ChildProcess;
  private shell = new Dealer();
  private control = new Dealer();
  private iopub = new Subscriber();
  private dir = mkdtempSync(join(tmpdir(), "tslab-conn-"));
  private log: string[] = [];
  private pending?: Pending;
  private shellWaiters = new Map<string, (m: Message) => void>();
  private iopubSeen = false;
  private exitInfo?: { code: number | null; signal: string | null };
  private onExit: Array<() => void> = [];
  private closed = false;

  private constructor(private readonly opts: KernelOptions) {}

  static async start(opts: KernelOptions): Promise<TslabKernel> {
    if (refuseNewKernels !== undefined) throw new Error(`not starting a kernel: ${refuseNewKernels}`);
    installExitHook();
    const k = new TslabKernel(opts);
    liveKernels.add(k);
    try {
      await k.launch();
    } catch (e) {
      await k.shutdown();
      throw e;
    }
    return k;
  }

  /**
   * Interrupt the running cell (SIGINT; tslab interrupts its executor), wait up to `graceMs` for
   * it to finish, then shut the kernel down (shutdown_request, SIGKILL after a grace period).
   */
  async stop(graceMs = 2000): Promise<void> {
    if (this.closed) return;
    const proc = this.proc;
    if (proc && !this.exitInfo && this.pending) {
      const idle = new Promise<void>((r) => {
        const p = this.pending;
        if (!p) return r();
        const done = p.done;
        p.done = () => {
          done();
          r();
        };
      });
      try {
        proc.kill("SIGINT");
      } catch {
        // already gone
      }
      await Promise.race([idle, sleep(graceMs)]);
    }
    await this.shutdown(graceMs);
  }

  /** Synchronous last resort (process exit): SIGKILL the kernel's process group, remove its folder. */
  killNow(): void {
    liveKernels.delete(this);
    const proc = this.proc;
    if (proc?.pid && !this.exitInfo) {
      try {
        process.kill(-proc.pid, "SIGKILL");
      } catch {
        try {
          proc.kill("SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The last lines the kernel process wrote to its own stdout/stderr (not cell output). */
  get processLog(): string {
    return this.log.join("").split("\n").slice(-20).join("\n").trim();
  }

  private async launch(): Promise<void> {
    const [shell, iopub, stdin, control, hb] = await freePorts(5);
    const ports = { shell, iopub, stdin, control, hb };
    const conn = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port: ports.shell,
      iopub_port: ports.iopub,
      stdin_port: ports.stdin,
      control_port: ports.control,
      hb_port: ports.hb,
      key: this.key,
      signature_scheme: "hmac-sha256",
      kernel_name: "tslab",
    };
    const connFile = join(this.dir, "kernel.json");
    writeFileSync(connFile, JSON.stringify(conn));
    const proc = spawn(process.execPath, [kernelScript(), "kernel", "--config-path", connFile], {
      cwd: this.opts.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...this.opts.env },
      // Its own process group: a terminal's Ctrl-C goes to the runner, not straight to the kernel.
      detached: true,
    });
    this.proc = proc;
    const keep = (b: Buffer) => {
      this.log.push(b.toString("utf8"));
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    proc.on("exit", (code, signal) => {
      this.exitInfo = { code, signal };
      for (const f of this.onExit.splice(0)) f();
    });

    const addr = (p: number) => `tcp://127.0.0.1:${p}`;
    for (const s of [this.shell, this.control, this.iopub]) s.linger = 0;
    this.shell.connect(addr(ports.shell));
    this.control.connect(addr(ports.control));
    this.iopub.connect(addr(ports.iopub));
    this.iopub.subscribe();
    void this.readLoop(this.shell, (m) => this.onShell(m));
    void this.readLoop(this.iopub, (m) => this.onIopub(m));

    const limitMs = (this.opts.startupTimeoutSec ?? 60) * 1000;
    const t0 = Date.now();
    // kernel_info until both a shell reply and an iopub message arrive: the SUB socket may join
    // late and miss the first messages (ZeroMQ's "slow joiner"), so keep asking until it hears.
    while (!this.iopubSeen) {
      if (this.exitInfo) throw this.diedError();
      if (Date.now() - t0 > limitMs) {
        await this.shutdown();
        throw new Error(`the tslab kernel did not start within ${limitMs / 1000} s\n${this.processLog}`);
      }
      const id = await this.send(this.shell, "kernel_info_request", {});
      await Promise.race([this.waitShell(id), sleep(500)]);
      if (!this.iopubSeen) await sleep(100);
    }
  }

  private async readLoop(sock: Dealer | Subscriber, handle: (m: Message) => void): Promise<void> {
    try {
      for await (const frames of sock) {
        const m = this.decode(frames as Buffer[]);
        if (m) handle(m);
      }
    } catch {
      // socket closed
    }
  }

  private sign(parts: string[]): string {
    const h = createHmac("sha256", this.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  private decode(frames: Buffer[]): Message | undefined {
    const i = frames.findIndex((f) => f.toString() === DELIM);
    if (i < 0 || frames.length < i + 6) return undefined;
    const parts = frames.slice(i + 2, i + 6).map((f) => f.toString("utf8"));
    if (this.sign(parts) !== frames[i + 1].toString()) return undefined; // not signed by our kernel
    const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p));
    return { header, parent_header, metadata, content };
  }

  private async send(sock: Dealer, msgType: string, content: Record<string, unknown>): Promise<string> {
    const header: Header = {
      msg_id: randomUUID(),
      msg_type: msgType,
      session: this.session,
      username: "runner",
      date: new Date().toISOString(),
      version: "5.3",
    };
    const parts = [JSON.stringify(header), "{}", "{}", JSON.stringify(content)];
    await sock.send([DELIM, this.sign(parts), ...parts]);
    return header.msg_id;
  }

  private waitShell(msgId: string): Promise<Message> {
    return new Promise((resolve) => this.shellWaiters.set(msgId, resolve));
  }

  private onShell(m: Message): void {
    const id = m.parent_header.msg_id;
    if (!id) return;
    const w = this.shellWaiters.get(id);
    if (w) {
      this.shellWaiters.delete(id);
      w(m);
    }
    const p = this.pending;
    if (p && id === p.msgId && m.header.msg_type === "execute_reply") {
      p.reply = m.content;
      if (p.idle) p.done();
    }
  }

  private onIopub(m: Message): void {
    this.iopubSeen = true;
    const p = this.pending;
    if (!p || m.parent_header.msg_id !== p.msgId) return;
    const c = m.content;
    const push = (o: Output) => {
      if (p.clearPending) {
        p.outputs.length = 0;
        p.clearPending = false;
      }
      p.outputs.push(o);
    };
    switch (m.header.msg_type) {
      case "status":
        if (c.execution_state === "idle") {
          p.idle = true;
          if (p.reply) p.done();
        }
        break;
      case "stream":
        push({ output_type: "stream", name: c.name as "stdout" | "stderr", text: String(c.text ?? "") });
        break;
      case "display_data": {
        const o: Output = {
          output_type: "display_data",
          data: (c.data ?? {}) as MimeBundle,
          metadata: (c.metadata ?? {}) as Record<string, unknown>,
        };
        push(o);
        const displayId = (c.transient as { display_id?: unknown } | undefined)?.display_id;
        if (typeof displayId === "string" && displayId) p.displays.set(displayId, o);
        break;
      }
      case "execute_result":
        push({
          output_type: "execute_result",
          data: (c.data ?? {}) as MimeBundle,
          metadata: (c.metadata ?? {}) as Record<string, unknown>,
          execution_count: (c.execution_count as number) ?? null,
        });
        break;
      case "update_display_data": {
        // Replace the data and metadata of the display with the same display_id in place, as
        // nbclient does; only displays created by the running cell are tracked (our notebooks
        // update a display only from the cell that created it, e.g. a sweep's progress line). An
        // update for an unknown id is dropped.
        const displayId = (c.transient as { display_id?: unknown } | undefined)?.display_id;
        const o = typeof displayId === "string" ? p.displays.get(displayId) : undefined;
        if (o && o.output_type === "display_data") {
          o.data = (c.data ?? {}) as MimeBundle;
          o.metadata = (c.metadata ?? {}) as Record<string, unknown>;
        }
        break;
      }
      case "error":
        push({
          output_type: "error",
          ename: String(c.ename ?? ""),
          evalue: String(c.evalue ?? ""),
          traceback: (c.traceback as string[]) ?? [],
        });
        break;
      case "clear_output":
        if (c.wait) p.clearPending = true;
        else p.outputs.length = 0;
        break;
      default:
        break;
    }
  }

  /**
   * Execute one cell's code (`stopOnError`, default true: the kernel may abort requests queued
   * behind a failure). Resolves when the kernel has replied and gone idle. Throws
   * `KernelTimeoutError` after `timeoutSec` (the kernel is then shut down) and `KernelDiedError`
   * if the kernel process exits meanwhile.
   */
  async execute(code: string, timeoutSec: number, opts: { stopOnError?: boolean } = {}): Promise<ExecuteResult> {
    if (this.exitInfo) throw this.diedError();
    if (this.pending) throw new Error("one cell at a time");
    let finish!: () => void;
    const finished = new Promise<void>((r) => {
      finish = r;
    });
    const p: Pending = {
      msgId: "",
      outputs: [],
      idle: false,
      clearPending: false,
      displays: new Map(),
      done: () => finish(),
    };
    this.pending = p;
    let onDied!: () => void;
    const died = new Promise<"died">((r) => {
      onDied = () => r("died");
      this.onExit.push(onDied);
    });
    try {
      p.msgId = await this.send(this.shell, "execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: opts.stopOnError ?? true,
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((r) => {
        timer = setTimeout(() => r("timeout"), timeoutSec * 1000);
      });
      const what = await Promise.race([finished.then(() => "done" as const), timedOut, died]);
      clearTimeout(timer);
      if (what === "died") throw this.diedError();
      if (what === "timeout") {
        this.proc?.kill("SIGINT");
        await Promise.race([finished, died, sleep(3000)]);
        await this.shutdown();
        throw new KernelTimeoutError(timeoutSec);
      }
      const reply = p.reply ?? {};
      return {
        status: (reply.status as ExecuteResult["status"]) ?? "error",
        executionCount: typeof reply.execution_count === "number" ? reply.execution_count : null,
        outputs: p.outputs,
      };
    } finally {
      this.pending = undefined;
      const at = this.onExit.indexOf(onDied);
      if (at >= 0) this.onExit.splice(at, 1);
    }
  }

  /** The kernel's kernel_info_reply content (protocol version, language_info, banner, …). */
  async kernelInfo(timeoutSec = 30): Promise<Record<string, unknown>> {
    if (this.exitInfo) throw this.diedError();
    const id = await this.send(this.shell, "kernel_info_request", {});
    const reply = await Promise.race([this.waitShell(id), sleep(timeoutSec * 1000).then(() => undefined)]);
    if (!reply) throw new Error(`no kernel_info_reply within ${timeoutSec} s`);
    return reply.content;
  }

  private diedError(): KernelDiedError {
    return new KernelDiedError(this.exitInfo?.code ?? null, this.exitInfo?.signal ?? null, this.processLog);
  }

  /**
   * Ask the kernel to shut down; kill its process group if it has not exited within `graceMs`;
   * close the sockets and remove the connection folder.
   */
  async shutdown(graceMs = 2000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const proc = this.proc;
    try {
      if (proc && !this.exitInfo) {
        const exited = new Promise<void>((r) => this.onExit.push(r));
        try {
          await Promise.race([this.send(this.control, "shutdown_request", { restart: false }), sleep(500)]);
        } catch {
          // ignore: we kill below if needed
        }
        await Promise.race([exited, sleep(graceMs)]);
        if (!this.exitInfo) {
          this.killNow();
          await Promise.race([exited, sleep(2000)]);
        }
      }
    } finally {
      for (const s of [this.shell, this.control, this.iopub]) s.close();
      rmSync(this.dir, { recursive: true, force: true });
      liveKernels.delete(this);
    }
  }
}
