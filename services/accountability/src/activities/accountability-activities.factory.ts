import { Injectable } from '@nestjs/common';
import type { AccountabilityActivities } from '@dutychain/temporal';
import { CasesService } from '../cases/cases.service';
import { ReportsService } from '../reports/reports.service';
import { NoticeStepsRecorder } from './notice-steps.recorder';

/** The activities this service hosts on its task queue, over its own schema and the org directory. */
@Injectable()
export class AccountabilityActivitiesFactory {
  constructor(
    private readonly steps: NoticeStepsRecorder,
    private readonly cases: CasesService,
    private readonly reports: ReportsService,
  ) {}

  create(): AccountabilityActivities {
    return {
      recordNoticeStep: (step) => this.steps.record(step),
      remindAddressee: (reminder) => this.steps.remind(reminder),
      escalateOverdueNotice: async (escalation) => {
        await this.steps.markOverdue(escalation);
        return { caseId: await this.cases.intakeFromOverdueNotice(escalation) };
      },
      generateMonthlyReport: (request) => this.reports.generate(request),
    };
  }
}
