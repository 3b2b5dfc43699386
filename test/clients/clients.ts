/**
 * Shared by the real-client tests (test/clients/): which of Debian's Jupyter packages and
 * Chromium are installed (a test that needs a missing one is skipped with a reason naming the
 * package: .ci/run installs them), the project's kernel registered in a private Jupyter folder,
 * a classic Notebook server, and a minimal Chrome DevTools Protocol client over
 * `--remote-debugging-pipe` (no WebSocket library needed).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

export const ROOT = join(__dirname, "..", "..");
export const PYTHON = "/usr/bin/python3";
export const JUPYTER = "/usr/bin/jupyter";
export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

/** Environment for Jupyter commands: quiet about the debugger, private folders under `dir`. */
export function jupyterEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    JUPYTER_PATH: join(dir, "prefix", "share", "jupyter"),
    JUPYTER_DATA_DIR: join(dir, "data"),
    JUPYTER_CONFIG_DIR: join(dir, "config"),
    JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
    IPYTHONDIR: join(dir, "ipython"),
  };
}

function works(cmd: string, args: string[]): boolean {
  if (!existsSync(cmd)) return false;
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  return r.status === 0;
}

/**
 * Why a real-client test cannot run here ("skipped: …"), or false when it can. `needs` names the
 * tools: nbconvert (Debian jupyter-nbconvert), client (jupyter-client: `jupyter kernelspec`),
 * notebook (jupyter-notebook), chromium.
 */
export function missing(...needs: ("nbconvert" | "client" | "notebook" | "chromium")[]): string | false {
  const why: string[] = [];
  if (needs.some((n) => n !== "chromium") && !existsSync(JUPYTER))
    why.push(`${JUPYTER} is not installed (Debian packages jupyter-nbconvert, jupyter-client, jupyter-notebook)`);
  else {
    if (needs.includes("nbconvert") && !works(JUPYTER, ["nbconvert", "--version"]))
      why.push("`jupyter nbconvert` does not run (Debian package jupyter-nbconvert)");
    if (needs.includes("client") && !works(JUPYTER, ["kernelspec", "--version"]))
      why.push("`jupyter kernelspec` does not run (Debian package jupyter-client)");
    if (needs.includes("notebook") && !works(JUPYTER, ["notebook", "--version"]))
      why.push("`jupyter notebook` does not run (Debian package jupyter-notebook)");
  }
  if (needs.includes("chromium") && !CHROMIUM) why.push("chromium is not installed (Debian package chromium)");
  return why.length ? `skipped: ${why.join("; ")}` : false;
}

/** A private Jupyter folder with the project's kernel registered by lib/cli/install-kernel.ts. */
export function jupyterHome(): { dir: string; env: NodeJS.ProcessEnv; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "jupyter-client-test-"));
  for (const d of ["data", "config", "runtime", "ipython"]) mkdirSync(join(dir, d));
  const r = spawnSync(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "lib", "cli", "install-kernel.ts"), "--prefix", join(dir, "prefix")],
    { encoding: "utf8", cwd: ROOT },
  );
  if (r.status !== 0) throw new Error(`install-kernel failed:\n${r.stdout}${r.stderr}`);
  return { dir, env: jupyterEnv(dir), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A classic Notebook 6 server on 127.0.0.1 serving `root`, with a token; `stop()` ends it. */
export async function startNotebookServer(
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; token: string; stop(): Promise<void>; log(): string }> {
  const port = await freePort();
  const token = `t${Math.random().toString(36).slice(2)}`;
  const args = [
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${root}`,
    "--NotebookApp.open_browser=False",
  ];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const proc: ChildProcess = spawn(JUPYTER, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  proc.stdout?.on("data", (b) => (out += b));
  proc.stderr?.on("data", (b) => (out += b));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`jupyter notebook exited:\n${out}`);
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > 60_000) throw new Error(`jupyter notebook did not start in 60 s:\n${out}`);
    await sleep(300);
  }
  return {
    url,
    token,
    log: () => out,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const gone = new Promise<void>((r) => proc.on("exit", () => r()));
      try {
        process.kill(-(proc.pid as number), "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([gone, sleep(5000)]);
      if (proc.exitCode === null) {
        try {
          process.kill(-(proc.pid as number), "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };
}

type Json = Record<string, unknown>;

/** Headless Chromium driven through the DevTools protocol on pipes (fds 3 and 4). */
export class Browser {
  private nextId = 1;
  private waiting = new Map<number, { resolve(v: Json): void; reject(e: Error): void }>();
  private listeners: ((method: string, params: Json, sessionId?: string) => void)[] = [];
  private buffer = "";

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    const input = proc.stdio[4] as Readable;
    input.setEncoding("utf8");
    input.on("data", (chunk: string) => {
      this.buffer += chunk;
      for (let i = this.buffer.indexOf("\0"); i >= 0; i = this.buffer.indexOf("\0")) {
        const msg = JSON.parse(this.buffer.slice(0, i)) as Json;
        this.buffer = this.buffer.slice(i + 1);
        const id = msg.id as number | undefined;
        if (id !== undefined && this.waiting.has(id)) {
          const w = this.waiting.get(id);
          this.waiting.delete(id);
          if (msg.error) w?.reject(new Error(JSON.stringify(msg.error)));
          else w?.resolve((msg.result ?? {}) as Json);
        } else if (typeof msg.method === "string") {
          for (const l of this.listeners)
            l(msg.method, (msg.params ?? {}) as Json, msg.sessionId as string | undefined);
        }
      }
    });
  }

  static launch(): Browser {
    const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
    const proc = spawn(
      CHROMIUM as string,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1024",
        `--user-data-dir=${profile}`,
        "--remote-debugging-pipe",
        "about:blank",
      ],
      { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
    );
    return new Browser(proc, profile);
  }

  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    const id = this.nextId++;
    const msg = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      (this.proc.stdio[3] as Writable).write(`${msg}\0`);
    });
  }

  on(listener: (method: string, params: Json, sessionId?: string) => void): void {
    this.listeners.push(listener);
  }

  /** A new tab at about:blank; returns its session id (flat mode). */
  async newPage(): Promise<string> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    return sessionId as string;
  }

  /** Evaluate `expression` in the page (awaiting a promise); its JSON value. */
  async evaluate(sessionId: string, expression: string): Promise<unknown> {
    const r = await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, sessionId);
    if (r.exceptionDetails) throw new Error(`page error: ${JSON.stringify(r.exceptionDetails)}`);
    return (r.result as Json | undefined)?.value;
  }

  /** Poll `expression` until it is truthy (its value) or `timeoutMs` passes (undefined). */
  async waitFor(sessionId: string, expression: string, timeoutMs: number): Promise<unknown> {
    const t0 = Date.now();
    for (;;) {
      const v = await this.evaluate(sessionId, expression).catch(() => undefined);
      if (v) return v;
      if (Date.now() - t0 > timeoutMs) return undefined;
      await sleep(250);
    }
  }

  async close(): Promise<void> {
    const gone = new Promise<void>((r) => this.proc.on("exit", () => r()));
    try {
      await Promise.race([this.send("Browser.close"), sleep(2000)]);
    } catch {
      // ignore
    }
    await Promise.race([gone, sleep(3000)]);
    if (this.proc.exitCode === null) this.proc.kill("SIGKILL");
    rmSync(this.profile, { recursive: true, force: true });
  }
}
