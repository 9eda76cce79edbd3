/**
 * The monthly accountability report (问责月报告) and dual bulletin (双通报) of one subtree: started by
 * the Temporal Schedule `accountability-monthly-report/<unitId>` (or by hand), it asks the
 * accountability service to build the report for the month that just ended.
 */
import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { reportPeriodAt } from '@dutychain/temporal';
import type { AccountabilityActivities, MonthlyReportInput, MonthlyReportSummary } from '@dutychain/temporal';

export async function monthlyAccountabilityReport(input: MonthlyReportInput): Promise<MonthlyReportSummary> {
  if (typeof input?.unitId !== 'string' || input.unitId === '' || typeof input.activityTaskQueue !== 'string')
    throw ApplicationFailure.nonRetryable('unitId and activityTaskQueue are required', 'InvalidReportInput');
  if (input.period !== undefined && input.period !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period))
    throw ApplicationFailure.nonRetryable(`period must be YYYY-MM, got ${JSON.stringify(input.period)}`);
  const { generateMonthlyReport } = proxyActivities<AccountabilityActivities>({
    taskQueue: input.activityTaskQueue,
    startToCloseTimeout: '5 minutes',
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: 20,
    },
  });
  const period = input.period ?? reportPeriodAt(Date.now(), input.utcOffsetMinutes ?? 480);
  return generateMonthlyReport({ unitId: input.unitId, period, workflowId: workflowInfo().workflowId });
}
