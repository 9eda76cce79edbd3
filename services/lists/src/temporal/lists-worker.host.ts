import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { HostedWorker } from '@dutychain/service-kit';
import { startActivityWorker } from '@dutychain/service-kit';
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
    this.hosted = await startActivityWorker('lists', this.config, this.activities.create());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hosted?.stop();
  }
}
