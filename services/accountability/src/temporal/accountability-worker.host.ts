import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { HostedWorker } from '@dutychain/service-kit';
import { startActivityWorker } from '@dutychain/service-kit';
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
    this.hosted = await startActivityWorker('accountability', this.config, this.activities.create());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hosted?.stop();
  }
}
