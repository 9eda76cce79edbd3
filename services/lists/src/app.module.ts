import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { AuditLog, AuditLogEntry } from '@dutychain/auth';
import { MetricsModule } from '@dutychain/observability';
import { PersistenceModule } from '@dutychain/persistence';
import { directoryServiceProviders, HealthController } from '@dutychain/service-kit';
import { RiskListActivitiesFactory } from './activities/risk-list-activities.factory';
import { RiskListNotificationRow } from './activities/risk-list-notification.entity';
import { DutyRecord } from './duty-records/duty-record.entity';
import { DutyRecordsController } from './duty-records/duty-records.controller';
import { DutyRecordsService } from './duty-records/duty-records.service';
import { EvidenceStore, LocalDiskEvidenceStore } from './duty-records/evidence-store';
import { Evidence } from './duty-records/evidence.entity';
import { S3EvidenceStore } from './duty-records/s3-evidence-store';
import { ListsConfig } from './lists.config';
import { CreateListsSchema1763790000000 } from './migrations/1763790000000-create-lists-schema';
import { ProgressController } from './progress/progress.controller';
import { ProgressReport } from './progress/progress-report.entity';
import { ProgressService } from './progress/progress.service';
import { QualityController } from './quality/quality.controller';
import { QualityFinding } from './quality/quality-finding.entity';
import { QualityService } from './quality/quality.service';
import { SupervisionOrder } from './quality/supervision-order.entity';
import { Approval } from './risk-lists/approval.entity';
import { RiskItem } from './risk-lists/risk-item.entity';
import { RiskList } from './risk-lists/risk-list.entity';
import { RiskListProcess } from './risk-lists/risk-list-process.service';
import { RiskListStore } from './risk-lists/risk-list.store';
import { RiskListsController } from './risk-lists/risk-lists.controller';
import { RiskListsService } from './risk-lists/risk-lists.service';
import { Signature } from './risk-lists/signature.entity';
import { SupervisionItem } from './task-lists/supervision-item.entity';
import { SupervisionList } from './task-lists/supervision-list.entity';
import { TaskItem } from './task-lists/task-item.entity';
import { TaskList } from './task-lists/task-list.entity';
import { TaskListsController } from './task-lists/task-lists.controller';
import { TaskListsService } from './task-lists/task-lists.service';
import { ListsWorkerHost } from './temporal/lists-worker.host';

export const LISTS_ENTITIES = [
  TaskList,
  TaskItem,
  SupervisionList,
  SupervisionItem,
  RiskList,
  RiskItem,
  Signature,
  Approval,
  RiskListNotificationRow,
  QualityFinding,
  SupervisionOrder,
  DutyRecord,
  Evidence,
  ProgressReport,
  AuditLogEntry,
];

/** The lists service (明责 define, 履责 perform): committee and personal lists, quality checks, duty records. */
@Module({})
export class ListsAppModule {
  static forConfig(config: ListsConfig): DynamicModule {
    return {
      module: ListsAppModule,
      imports: [
        MetricsModule,
        PersistenceModule.forService({
          schema: 'lists',
          entities: LISTS_ENTITIES,
          migrations: [CreateListsSchema1763790000000],
          settings: config,
        }),
      ],
      controllers: [
        HealthController,
        TaskListsController,
        RiskListsController,
        QualityController,
        DutyRecordsController,
        ProgressController,
      ],
      providers: [
        ...directoryServiceProviders(ListsConfig, config),
        AuditLog,
        TaskListsService,
        RiskListStore,
        RiskListProcess,
        RiskListsService,
        QualityService,
        DutyRecordsService,
        ProgressService,
        {
          provide: EvidenceStore,
          useFactory: (): EvidenceStore =>
            config.s3 ? new S3EvidenceStore(config.s3) : new LocalDiskEvidenceStore(config.evidenceDir),
        },
        RiskListActivitiesFactory,
        ListsWorkerHost,
      ],
    };
  }
}
