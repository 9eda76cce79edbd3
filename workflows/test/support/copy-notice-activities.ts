/** In-memory accountability activities for the copy-notice tests: a log of every call, idempotent on key. */
import type {
  AccountabilityActivities,
  MonthlyReportRequest,
  MonthlyReportSummary,
  NoticeEscalation,
  NoticeReminder,
  NoticeStepRecord,
} from '@dutychain/temporal';

export class InMemoryAccountabilityActivities {
  readonly steps: NoticeStepRecord[] = [];
  readonly reminders: NoticeReminder[] = [];
  readonly escalations: NoticeEscalation[] = [];
  readonly reports: MonthlyReportRequest[] = [];
  /** Fail the next N step records (to prove a failed store leaves the loop as it was). */
  failNextSteps = 0;
  private readonly seen = new Set<string>();

  private once<T extends { key: string }>(list: T[], item: T): void {
    if (this.seen.has(item.key)) return;
    this.seen.add(item.key);
    list.push(item);
  }

  activities(): AccountabilityActivities {
    return {
      recordNoticeStep: (step) => {
        if (this.failNextSteps > 0) {
          this.failNextSteps -= 1;
          return Promise.reject(new Error('the accountability database is unavailable'));
        }
        this.once(this.steps, step);
        return Promise.resolve();
      },
      remindAddressee: (reminder) => {
        this.once(this.reminders, reminder);
        return Promise.resolve();
      },
      escalateOverdueNotice: (escalation) => {
        this.once(this.escalations, escalation);
        return Promise.resolve({ caseId: `case-of-${escalation.noticeId}` });
      },
      generateMonthlyReport: (request): Promise<MonthlyReportSummary> => {
        this.reports.push(request);
        return Promise.resolve({
          reportId: `report-${request.unitId}-${request.period}`,
          unitId: request.unitId,
          period: request.period,
          units: 1,
          casesOpened: 0,
          typicalCases: 0,
        });
      },
    };
  }

  kindsOf(noticeId: string): string[] {
    return this.steps
      .filter((s) => s.noticeId === noticeId)
      .sort((a, b) => a.seq - b.seq)
      .map((s) => s.kind);
  }
}
