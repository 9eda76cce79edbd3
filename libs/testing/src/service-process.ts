import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

/** The repository root: services are started from here, as operators run them. */
export const workspaceRoot = path.resolve(__dirname, '../../..');

/** How much of a service's output is kept (the newest part). */
const OUTPUT_LIMIT = 256 * 1024;

export interface ServiceProcessOptions {
  /** How long start() waits for `/health/ready` before it kills the process and fails. */
  readyTimeoutMs?: number;
  /** How long stop() waits for the process to exit before it sends SIGKILL. */
  stopGraceMs?: number;
}

/**
 * A service as operators run it: its own Node process from its main.ts (`node -r @swc-node/register`),
 * ready when `/health/ready` answers 200, stopped with SIGTERM. It can be started again after stop().
 */
export class ServiceProcess {
  private child?: ChildProcess;
  /** Set when the process could not be spawned at all (then it never exits). */
  private spawned: { error?: Error } = {};
  /** Everything the process wrote to stdout and stderr (the newest 256 KiB), across restarts. */
  output = '';

  constructor(
    readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly baseUrl: string,
    private readonly options: ServiceProcessOptions = {},
  ) {}

  /** Spawns the process and waits until it is ready; fails with its last output if it exits or times out. */
  async start(): Promise<void> {
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 60_000;
    const spawned: { error?: Error } = {};
    this.spawned = spawned;
    const child = spawn('node', ['-r', '@swc-node/register', this.entry], {
      cwd: workspaceRoot,
      env: this.env,
    });
    this.child = child;
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    child.on('error', (error) => (spawned.error = error));
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (await this.ready(Math.min(5_000, Math.max(deadline - Date.now(), 500)))) return;
      if (spawned.error)
        throw new Error(`${this.entry} could not be started: ${spawned.error.message}`, {
          cause: spawned.error,
        });
      if (hasExited(child))
        throw new Error(
          `${this.entry} exited (${exitReason(child)}) before it was ready; last output:\n${this.tail()}`,
        );
      if (Date.now() > deadline) {
        await this.stop('SIGKILL');
        throw new Error(
          `${this.entry} was not ready at ${this.baseUrl}/health/ready within ${readyTimeoutMs} ms; ` +
            `last output:\n${this.tail()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Stops the process and waits for it to exit (SIGKILL after the grace period); `SIGKILL` simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || hasExited(child) || this.spawned.error) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const graceMs = this.options.stopGraceMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
  }

  /** The last lines the process wrote, for error messages. */
  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n').slice(-4_000);
  }

  private async ready(timeoutMs: number): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/health/ready`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false; // not listening yet, or no answer in time
    }
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exitReason(child: ChildProcess): string {
  return child.signalCode !== null ? `signal ${child.signalCode}` : `code ${String(child.exitCode)}`;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
