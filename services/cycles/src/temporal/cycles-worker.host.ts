import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { LogEntry } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import { createCyclesWorker } from '@dutychain/workflows-worker';
import { CycleActivitiesFactory } from '../activities/cycle-activities.factory';
import { CyclesConfig } from '../cycles.config';

/**
 * Runs the `cycles` worker (the workflows bundle and this service's cycle activities) inside the
 * service process, from start-up to shutdown. `run()` is awaited on shutdown, never left floating.
 */
@Injectable()
export class CyclesWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CyclesWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly config: CyclesConfig,
    private readonly activities: CycleActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    // Before any connection: SDK logs as JSON lines (with workflow ids) and, if asked, SDK metrics.
    const metricsAddress = this.config.workerMetricsAddress;
    Runtime.install({
      logger: new DefaultLogger(this.config.logLevel === 'debug' ? 'DEBUG' : 'INFO', writeJsonLine),
      telemetryOptions: metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {},
    });
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    this.worker = await createCyclesWorker({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      extra: { maxCachedWorkflows: this.config.workerMaxCachedWorkflows },
      activities: () => this.activities.create(),
    });
    this.running = this.worker.run().catch((error: unknown) => {
      this.logger.error({ msg: 'cycles worker stopped with an error', error: String(error) });
      process.exitCode = 1;
    });
    this.logger.log({ msg: 'cycles worker running', taskQueue: this.worker.options.taskQueue });
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
    service: 'cycles',
    context: 'temporal',
    msg: entry.message,
    ...entry.meta,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
