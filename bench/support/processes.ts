import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const workspaceRoot = path.resolve(__dirname, '../..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { freePort } from '@dutychain/testing';

/**
 * A Node process from a TypeScript entry (SWC), as operators run the services. Ready when
 * `readyUrl` answers 2xx, or when the process prints `readyLine`. Keeps the tail of its output.
 */
export class BenchProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly ready: { url: string } | { line: string },
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  tail(chars = 3000): string {
    return this.output.slice(-chars);
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn('node', ['-r', '@swc-node/register', this.entry], {
      cwd: workspaceRoot,
      env: this.env,
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ('line' in this.ready) {
        if (this.output.includes(this.ready.line)) return;
      } else {
        try {
          if ((await fetch(this.ready.url, { signal: AbortSignal.timeout(2_000) })).ok) return;
        } catch {
          // not listening yet
        }
      }
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline)
        throw new Error(`${this.name} did not become ready:\n${this.tail()}`);
      await sleep(200);
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** VmRSS and VmHWM (peak RSS since the process started) of a process, in bytes; undefined once it is gone. */
export function processMemory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * Samples processes' memory every `intervalMs`: the highest VmHWM seen (peak since the process
 * started, start-up included) and the highest VmRSS seen within named windows of the run.
 */
export class MemorySampler {
  private readonly hwm = new Map<string, number>();
  private readonly windowPeak = new Map<string, number>();
  private readonly windows = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly processes: Record<string, () => number | undefined>,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
  }

  /** Starts recording the peak RSS of every process for the window `name`. */
  open(name: string): void {
    this.sample();
    this.windows.add(name);
  }

  close(name: string): void {
    this.sample();
    this.windows.delete(name);
  }

  peakHwm(process: string): number {
    return this.hwm.get(process) ?? 0;
  }

  peakRss(process: string, window: string): number {
    return this.windowPeak.get(`${process}/${window}`) ?? 0;
  }

  private sample(): void {
    for (const [name, pidOf] of Object.entries(this.processes)) {
      const pid = pidOf();
      const memory = pid === undefined ? undefined : processMemory(pid);
      if (!memory) continue;
      this.hwm.set(name, Math.max(this.hwm.get(name) ?? 0, memory.hwm));
      for (const window of this.windows) {
        const key = `${name}/${window}`;
        this.windowPeak.set(key, Math.max(this.windowPeak.get(key) ?? 0, memory.rss));
      }
    }
  }
}
