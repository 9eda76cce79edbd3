import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, JsonLogger } from '@dutychain/http';
import { ListsAppModule } from './app.module';
import { ListsConfig } from './lists.config';

export async function createListsApp(config: ListsConfig = ListsConfig.fromEnv()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ListsAppModule.forConfig(config), {
    logger: config.nodeEnv === 'test' ? ['error'] : new JsonLogger('lists', config.logLevel),
  });
  configureHttpApp(app, {
    title: 'DutyChain · lists',
    description:
      '明责 and 履责: committee task lists, commission supervision lists, personal responsibility-risk lists (signed, approved through their workflows), quality checks and supervision orders, duty records with evidence, mid-year progress.',
    constraintMessages: {
      task_list_one_per_unit_year: {
        field: 'year',
        rule: 'taskList.onePerUnitYear',
        message: 'the unit already has a task list for this year',
      },
      supervision_list_one_per_unit_year: {
        field: 'year',
        rule: 'supervisionList.onePerUnitYear',
        message: 'the unit already has a supervision list for this year',
      },
    },
  });
  return app;
}
