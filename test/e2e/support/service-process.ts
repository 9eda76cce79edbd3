import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const workspaceRoot = path.resolve(__dirname, '../../..');

/** A service as operators run it: its own Node process from its main.ts, stopped with SIGTERM. */
export class ServiceProcess {
  private child?: ChildProcess;
  output = '';

  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly baseUrl: string,
  ) {}

  async start(): Promise<void> {
    this.child = spawn('node', ['-r', '@swc-node/register', this.entry], {
      cwd: workspaceRoot,
      env: this.env,
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${this.baseUrl}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (this.child.exitCode !== null || attempt > 240)
        throw new Error(`${this.entry} did not become ready:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Stops the process; `signal` SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

export function freePortFor(offset: number): number {
  return 4000 + ((process.pid * 7 + offset) % 2000);
}
