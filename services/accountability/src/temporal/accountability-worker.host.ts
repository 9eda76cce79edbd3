import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { LogEntry } from '@temporalio/worker';
import { AccountabilityActivitiesFactory } from '../activities/accountability-activities.factory';
import { AccountabilityConfig } from '../accountability.config';

/**
 * Runs this service's activity worker (no workflows: those run on the `cycles` worker) from start-up
 * to shutdown; `run()` is awaited on shutdown, never left floating.
 */
@Injectable()
export class AccountabilityWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AccountabilityWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly config: AccountabilityConfig,
    private readonly activities: AccountabilityActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    try {
      // SDK logs as JSON lines, like the service's own; a test process may have installed its runtime first.
      Runtime.install({
        logger: new DefaultLogger(this.config.logLevel === 'debug' ? 'DEBUG' : 'INFO', writeJsonLine),
      });
    } catch {
      // already installed in this process
    }
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      activities: this.activities.create(),
    });
    this.running = this.worker.run().catch((error: unknown) => {
      this.logger.error({ msg: 'accountability worker stopped with an error', error: String(error) });
      process.exitCode = 1;
    });
    this.logger.log({ msg: 'accountability worker running', taskQueue: this.config.taskQueue });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}

function writeJsonLine(entry: LogEntry): void {
  const line = {
    time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
    level: entry.level.toLowerCase(),
    service: 'accountability',
    context: 'temporal',
    msg: entry.message,
    ...entry.meta,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
