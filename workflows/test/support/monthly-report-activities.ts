/** In-memory accountability activities for the monthly-report tests: every attempt and every stored report. */
import type {
  AccountabilityActivities,
  MonthlyReportRequest,
  MonthlyReportSummary,
} from '@dutychain/temporal';

export class InMemoryMonthlyReportActivities {
  /** Every call of generateMonthlyReport, failed ones included, in order. */
  readonly attempts: MonthlyReportRequest[] = [];
  /** The reports stored, one per unit and period (a re-run of the same month replaces it). */
  readonly reports = new Map<string, MonthlyReportRequest>();
  /** Fail the next N calls (the accountability database is down): the workflow must retry. */
  failNext = 0;

  activities(): Pick<AccountabilityActivities, 'generateMonthlyReport'> {
    return {
      generateMonthlyReport: (request): Promise<MonthlyReportSummary> => {
        this.attempts.push(request);
        if (this.failNext > 0) {
          this.failNext -= 1;
          return Promise.reject(new Error('the accountability database is unavailable'));
        }
        this.reports.set(`${request.unitId}/${request.period}`, request);
        return Promise.resolve({
          reportId: `report-${request.unitId}-${request.period}`,
          unitId: request.unitId,
          period: request.period,
          units: 3,
          casesOpened: 2,
          typicalCases: 1,
        });
      },
    };
  }
}
