import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Worker } from '@temporalio/worker';
import { HostedWorker, installSdkRuntime } from '@dutychain/service-kit';
import { RiskListActivitiesFactory } from '../activities/risk-list-activities.factory';
import { ListsConfig } from '../lists.config';

/** Runs the lists activity worker (no workflows: they run on the `cycles` worker) in the service process. */
@Injectable()
export class ListsWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private hosted?: HostedWorker;

  constructor(
    private readonly config: ListsConfig,
    private readonly activities: RiskListActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    installSdkRuntime('lists', this.config.logLevel);
    this.hosted = await HostedWorker.start('lists activity worker', this.config, (connection) =>
      Worker.create({
        connection,
        namespace: this.config.temporalNamespace,
        taskQueue: this.config.taskQueue,
        activities: this.activities.create(),
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hosted?.stop();
  }
}
