import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { HostedWorker, installSdkRuntime } from '@dutychain/service-kit';
import { createCyclesWorker } from '@dutychain/workflows-worker';
import { CycleActivitiesFactory } from '../activities/cycle-activities.factory';
import { CyclesConfig } from '../cycles.config';

/** Runs the `cycles` worker (the workflows bundle and this service's cycle activities) in the service process. */
@Injectable()
export class CyclesWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private hosted?: HostedWorker;

  constructor(
    private readonly config: CyclesConfig,
    private readonly activities: CycleActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    installSdkRuntime('cycles', this.config.logLevel, this.config.workerMetricsAddress);
    this.hosted = await HostedWorker.start('cycles worker', this.config, (connection) =>
      createCyclesWorker({
        connection,
        namespace: this.config.temporalNamespace,
        taskQueue: this.config.taskQueue,
        extra: { maxCachedWorkflows: this.config.workerMaxCachedWorkflows },
        activities: () => this.activities.create(),
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hosted?.stop();
  }
}
