import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, JsonLogger } from '@dutychain/http';
import { CyclesAppModule } from './app.module';
import { CyclesConfig } from './cycles.config';

export async function createCyclesApp(
  config: CyclesConfig = CyclesConfig.fromEnv(),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(CyclesAppModule.forConfig(config), {
    logger: config.nodeEnv === 'test' ? ['error'] : new JsonLogger('cycles', config.logLevel),
  });
  configureHttpApp(app, {
    title: 'DutyChain · cycles',
    description:
      'Start, find and steer yearly responsibility cycles (Temporal workflows) across the org tree.',
  });
  return app;
}
