import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, JsonLogger } from '@dutychain/http';
import { AccountabilityAppModule } from './app.module';
import { AccountabilityConfig } from './accountability.config';

export async function createAccountabilityApp(
  config: AccountabilityConfig = AccountabilityConfig.fromEnv(),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AccountabilityAppModule.forConfig(config), {
    logger: config.nodeEnv === 'test' ? ['error'] : new JsonLogger('accountability', config.logLevel),
  });
  configureHttpApp(app, {
    title: 'DutyChain · accountability',
    description:
      'Press and hold accountable (压责/问责): copy-notify and reply loops, bulletins with negative lists, talks, ' +
      'accountability cases with one-case-two-investigations, monthly reports and the dual bulletin.',
  });
  return app;
}
