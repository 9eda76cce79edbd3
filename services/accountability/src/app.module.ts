import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { AuditLog, AuditLogEntry } from '@dutychain/auth';
import { MetricsModule } from '@dutychain/observability';
import { PersistenceModule } from '@dutychain/persistence';
import { directoryServiceProviders, HealthController } from '@dutychain/service-kit';
import { AccountabilityActivitiesFactory } from './activities/accountability-activities.factory';
import { NoticeStepsRecorder } from './activities/notice-steps.recorder';
import { AccountabilityConfig } from './accountability.config';
import { BulletinsController } from './bulletins/bulletins.controller';
import { BulletinsService } from './bulletins/bulletins.service';
import { CaseRepository } from './cases/case.repository';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { CreateAccountabilitySchema1763800000000 } from './migrations/1763800000000-create-accountability-schema';
import { NoticeLoopClient } from './notices/notice-loop.client';
import { NoticeRepository } from './notices/notice.repository';
import { NoticesController } from './notices/notices.controller';
import { NoticesService } from './notices/notices.service';
import { PdfRenderer } from './pdf/pdf-renderer';
import { ReportSchedulesService } from './reports/report-schedules.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { TalksController } from './talks/talks.controller';
import { TalksService } from './talks/talks.service';
import { AccountabilityWorkerHost } from './temporal/accountability-worker.host';

/** The accountability service (压责/问责): notices, bulletins, talks, cases, monthly reports; hosts its activity worker. */
@Module({})
export class AccountabilityAppModule {
  static forConfig(config: AccountabilityConfig): DynamicModule {
    return {
      module: AccountabilityAppModule,
      imports: [
        MetricsModule,
        PersistenceModule.forService({
          schema: 'accountability',
          entities: [AuditLogEntry],
          migrations: [CreateAccountabilitySchema1763800000000],
          settings: config,
        }),
      ],
      controllers: [
        HealthController,
        NoticesController,
        CasesController,
        TalksController,
        BulletinsController,
        ReportsController,
      ],
      providers: [
        ...directoryServiceProviders(AccountabilityConfig, config),
        AuditLog,
        NoticeRepository,
        NoticeLoopClient,
        NoticesService,
        CaseRepository,
        CasesService,
        TalksService,
        BulletinsService,
        ReportsService,
        {
          provide: PdfRenderer,
          inject: [AccountabilityConfig],
          useFactory: (c: AccountabilityConfig) => new PdfRenderer({ fontPath: c.pdfFontPath ?? '' }),
        },
        ReportSchedulesService,
        NoticeStepsRecorder,
        AccountabilityActivitiesFactory,
        AccountabilityWorkerHost,
      ],
    };
  }
}
