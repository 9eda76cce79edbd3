import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MetricsModule } from '@dutychain/observability';
import { PersistenceModule } from '@dutychain/persistence';
import { directoryServiceProviders, HealthController } from '@dutychain/service-kit';
import { AuditLogEntry } from '@dutychain/auth';
import { CycleActivitiesFactory } from './activities/cycle-activities.factory';
import { CycleNotification } from './activities/cycle-notification.entity';
import { CyclePhaseChange } from './activities/cycle-phase-change.entity';
import { CyclesController } from './cycles/cycles.controller';
import { CyclesService } from './cycles/cycles.service';
import { CyclesConfig } from './cycles.config';
import { CreateCyclesSchema1763780000000 } from './migrations/1763780000000-create-cycles-schema';
import { CyclesWorkerHost } from './temporal/cycles-worker.host';

/** The cycles service: start and watch yearly cycles; hosts the `cycles` worker. */
@Module({})
export class CyclesAppModule {
  static forConfig(config: CyclesConfig): DynamicModule {
    return {
      module: CyclesAppModule,
      imports: [
        MetricsModule,
        PersistenceModule.forService({
          schema: 'cycles',
          entities: [CyclePhaseChange, CycleNotification, AuditLogEntry],
          migrations: [CreateCyclesSchema1763780000000],
          settings: config,
        }),
      ],
      controllers: [HealthController, CyclesController],
      providers: [
        ...directoryServiceProviders(CyclesConfig, config),
        CyclesService,
        CycleActivitiesFactory,
        CyclesWorkerHost,
      ],
    };
  }
}
