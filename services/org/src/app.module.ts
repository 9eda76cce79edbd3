import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyVerifier, AuditLog, AuthGuard, AuthSettings, PersonTokenScope } from '@dutychain/auth';
import { MetricsModule } from '@dutychain/observability';
import { PersistenceModule } from '@dutychain/persistence';
import { ApiKeyRepository } from './auth/api-key.repository';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { OrgApiKeyVerifier } from './auth/org-api-key.verifier';
import { OrgPersonTokenScope } from './auth/org-person-token.scope';
import { ResponsibilityChainController } from './chain/responsibility-chain.controller';
import { ResponsibilityChainService } from './chain/responsibility-chain.service';
import { CommissionRepository } from './commissions/commission.repository';
import { CommissionsController } from './commissions/commissions.controller';
import { CommissionsService } from './commissions/commissions.service';
import { HealthController } from '@dutychain/service-kit';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { ImportWriter } from './import/import-writer';
import { OrgConfig } from './org.config';
import { ORG_ENTITIES, ORG_MIGRATIONS, ORG_SCHEMA } from './org-entities';
import { OrgUnitRepository } from './org-units/org-unit.repository';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsService } from './org-units/org-units.service';
import { PeopleController } from './people/people.controller';
import { PeopleRepository } from './people/people.repository';
import { PeopleService } from './people/people.service';
import { PostsController } from './posts/posts.controller';
import { PostsService } from './posts/posts.service';
import { TeamRepository } from './posts/team.repository';

/** The org directory service: the tree, people and posts, credentials, imports. */
@Module({})
export class OrgAppModule {
  static forConfig(config: OrgConfig): DynamicModule {
    return {
      module: OrgAppModule,
      imports: [
        MetricsModule,
        PersistenceModule.forService({
          schema: ORG_SCHEMA,
          entities: ORG_ENTITIES,
          migrations: ORG_MIGRATIONS,
          settings: config,
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        OrgUnitsController,
        CommissionsController,
        PeopleController,
        PostsController,
        ResponsibilityChainController,
        ImportController,
      ],
      providers: [
        { provide: OrgConfig, useValue: config },
        { provide: AuthSettings, useExisting: OrgConfig },
        { provide: ApiKeyVerifier, useClass: OrgApiKeyVerifier },
        OrgPersonTokenScope,
        { provide: PersonTokenScope, useExisting: OrgPersonTokenScope },
        { provide: APP_GUARD, useClass: AuthGuard },
        AuditLog,
        OrgUnitRepository,
        OrgUnitsService,
        CommissionRepository,
        CommissionsService,
        PeopleRepository,
        PeopleService,
        TeamRepository,
        PostsService,
        ResponsibilityChainService,
        ApiKeyRepository,
        AuthService,
        ImportService,
        ImportWriter,
      ],
      exports: [ImportService],
    };
  }
}
