import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { RiskListActivitiesFactory } from '../activities/risk-list-activities.factory';
import { ListsConfig } from '../lists.config';

/**
 * Runs the lists activity worker (no workflows: they run on the `cycles` worker) in the service
 * process, from start-up to shutdown. `run()` is awaited on shutdown, never left floating.
 */
@Injectable()
export class ListsWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ListsWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly config: ListsConfig,
    private readonly activities: RiskListActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      activities: this.activities.create(),
    });
    this.running = this.worker.run().catch((error: unknown) => {
      this.logger.error({ msg: 'lists worker stopped with an error', error: String(error) });
      process.exitCode = 1;
    });
    this.logger.log({ msg: 'lists activity worker running', taskQueue: this.config.taskQueue });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}
