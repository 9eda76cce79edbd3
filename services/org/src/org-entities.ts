import { AuditLogEntry } from '@dutychain/auth';
import { ApiKey } from './auth/api-key.entity';
import { Commission } from './commissions/commission.entity';
import { ImportJob } from './import/import-job.entity';
import { OrgUnit } from './org-units/org-unit.entity';
import { OversightPair } from './oversight/oversight-pair.entity';
import { Person } from './people/person.entity';
import { Post } from './posts/post.entity';
import { Supervision } from './supervisions/supervision.entity';
import { CreateOrgDirectory1763770000000 } from './migrations/1763770000000-create-org-directory';
import { PersonRegisteringUnit1790000000000 } from './migrations/1790000000000-person-registering-unit';
import { OversightPairOnce1795000000000 } from './migrations/1795000000000-oversight-pair-once';

export const ORG_SCHEMA = 'org';
export const ORG_ENTITIES = [
  OrgUnit,
  Commission,
  Person,
  Post,
  Supervision,
  OversightPair,
  ApiKey,
  ImportJob,
  AuditLogEntry,
];
export const ORG_MIGRATIONS = [
  CreateOrgDirectory1763770000000,
  PersonRegisteringUnit1790000000000,
  OversightPairOnce1795000000000,
];
