import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Worker } from '@temporalio/worker';
import { HostedWorker, installSdkRuntime } from '@dutychain/service-kit';
import { AccountabilityActivitiesFactory } from '../activities/accountability-activities.factory';
import { AccountabilityConfig } from '../accountability.config';

/** Runs this service's activity worker (no workflows: those run on the `cycles` worker) in the service process. */
@Injectable()
export class AccountabilityWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private hosted?: HostedWorker;

  constructor(
    private readonly config: AccountabilityConfig,
    private readonly activities: AccountabilityActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    installSdkRuntime('accountability', this.config.logLevel);
    this.hosted = await HostedWorker.start('accountability activity worker', this.config, (connection) =>
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
