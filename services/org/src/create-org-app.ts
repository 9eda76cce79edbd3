import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, JsonLogger } from '@dutychain/http';
import { OrgAppModule } from './app.module';
import { OrgConfig } from './org.config';

/** Database constraints users can run into, explained by field and rule. */
const ORG_CONSTRAINTS = {
  org_unit_code_key: { field: 'code', rule: 'unique', message: 'an org unit with this code already exists' },
  person_code_key: { field: 'code', rule: 'unique', message: 'a person with this code already exists' },
  commission_code_key: {
    field: 'code',
    rule: 'unique',
    message: 'a commission with this code already exists',
  },
  post_one_secretary_at_a_time: {
    field: 'startDate',
    rule: 'oneSecretaryAtATime',
    message: 'the unit already has a secretary during these dates',
  },
  post_one_commission_secretary_at_a_time: {
    field: 'startDate',
    rule: 'oneCommissionSecretaryAtATime',
    message: 'the unit already has a commission secretary during these dates',
  },
  post_one_seat_per_person_per_team: {
    field: 'startDate',
    rule: 'oneSeatPerPersonPerTeam',
    message: 'the person already holds a post on this team during these dates',
  },
  oversight_pair_once_at_a_time: {
    field: 'startDate',
    rule: 'onePairAtATime',
    message: 'this overseer already oversees this head during these dates',
  },
};

export async function createOrgApp(config: OrgConfig = OrgConfig.fromEnv()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(OrgAppModule.forConfig(config), {
    logger: config.nodeEnv === 'test' ? ['error'] : new JsonLogger('org', config.logLevel),
  });
  configureHttpApp(app, {
    title: 'DutyChain · org directory',
    description:
      'Org tree, people, posts, 分管, oversight pairs, responsibility chains, bulk import, credentials.',
    constraintMessages: ORG_CONSTRAINTS,
    bodyLimitsByPath: { '/imports': `${config.importMaxBytes}b` },
  });
  return app;
}
